using Microsoft.Extensions.Configuration;
using Redeploy.Core.Storage;

namespace Redeploy.Tests.Storage;

public sealed class StorageClientsTests
{
    [Fact]
    public void FromConfiguration_AccountName_BuildsIdentityBasedClientsForThatAccount()
    {
        var configuration = Configuration(new() { ["AzureWebJobsStorage:accountName"] = "redeployprod" });

        var clients = StorageClients.FromConfiguration(configuration);

        Assert.Equal("redeployprod", clients.Tables.AccountName);
        Assert.Equal(new Uri("https://redeployprod.queue.core.windows.net"), clients.Queues.Uri);
    }

    [Fact]
    public void FromConfiguration_ServiceUris_UsesThem()
    {
        var configuration = Configuration(new()
        {
            ["AzureWebJobsStorage:tableServiceUri"] = "https://tables.example.net",
            ["AzureWebJobsStorage:queueServiceUri"] = "https://queues.example.net",
        });

        var clients = StorageClients.FromConfiguration(configuration);

        Assert.Equal(new Uri("https://queues.example.net"), clients.Queues.Uri);
    }

    [Fact]
    public void FromConfiguration_ConnectionString_UsesItsEndpoints()
    {
        var configuration = Configuration(new() { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" });

        var clients = StorageClients.FromConfiguration(configuration);

        Assert.Equal(10001, clients.Queues.Uri.Port);
        Assert.Equal("devstoreaccount1", clients.Tables.AccountName);
    }

    [Fact]
    public void FromConfiguration_NothingSet_ThrowsNamingTheSetting()
    {
        var error = Assert.Throws<InvalidOperationException>(() => StorageClients.FromConfiguration(Configuration([])));

        Assert.Contains("AzureWebJobsStorage", error.Message);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
