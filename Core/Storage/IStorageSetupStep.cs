namespace Redeploy.Core.Storage;

/// <summary>
/// Tables and queues of a part of the app that <see cref="StorageSetup"/> creates at start-up with its own, so that a
/// part (GitHub's) can add its storage without the storage layer knowing it.
/// </summary>
public interface IStorageSetupStep
{
    Task CreateAsync(CancellationToken cancellationToken);
}
