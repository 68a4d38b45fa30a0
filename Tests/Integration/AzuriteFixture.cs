using Redeploy.Cli.Dev;

namespace Redeploy.Tests.Integration;

/// <summary>One in-memory Azurite for all integration tests; each test uses its own table and queue names.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteProcess? azurite;

    public string ConnectionString => azurite?.ConnectionString ?? throw new InvalidOperationException("Azurite is not running");

    public static string RepositoryRoot =>
        NodeTools.FindRepositoryRoot(AppContext.BaseDirectory) ?? throw new InvalidOperationException("RedeployFunctions.sln not found above the test output");

    public async Task InitializeAsync() => azurite = await AzuriteProcess.StartAsync(RepositoryRoot);

    public Task DisposeAsync()
    {
        azurite?.Dispose();
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
