namespace Redeploy.Cli.Dev;

/// <summary>
/// The local host for `redeploy dev`: Kestrel on 127.0.0.1 serving the hook and status functions, and the WebJobs SDK
/// queue trigger running the queue functions, with the queue settings of host.json.
/// </summary>
public sealed class LocalHost : IAsyncDisposable
{
    // PLACEHOLDER: the lead writes this (issue 4).
    public Uri Address => throw new NotImplementedException();

    public static Task<LocalHost> StartAsync(LocalHostSettings settings, CancellationToken cancellationToken) => throw new NotImplementedException();

    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => throw new NotImplementedException();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
