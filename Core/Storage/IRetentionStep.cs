namespace Redeploy.Core.Storage;

/// <summary>
/// A table of a part of the app whose rows <see cref="Processing.RequestRetention"/> deletes once they have not been
/// written for the retention period (jobs, GitHub's deployments), so that a part adds its table without the storage
/// layer knowing it, as with <see cref="IStorageSetupStep"/>.
/// </summary>
public interface IRetentionStep
{
    /// <summary>Deletes up to <paramref name="max"/> rows last written before <paramref name="cutoff"/>; returns how many.</summary>
    Task<int> DeleteWrittenBeforeAsync(DateTimeOffset cutoff, int max, CancellationToken cancellationToken);
}
