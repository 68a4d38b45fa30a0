using Azure.Storage.Queues.Models;
using Microsoft.Azure.WebJobs;
using Redeploy.Core.Storage;
using Redeploy.Functions;

namespace Redeploy.Cli.Dev;

/// <summary>The WebJobs SDK's view of the queue functions: the same function classes the Functions app runs.</summary>
public sealed class LocalQueueFunctions(
    ProcessRequestFunction process,
    PoisonRequestFunction poison,
    DeliverJobFunction deliver,
    PoisonDeliveryFunction poisonDelivery,
    DeploymentEventFunction deploymentEvent,
    PoisonDeploymentEventFunction poisonDeploymentEvent,
    GitHubUpdateFunction gitHub,
    PoisonGitHubUpdateFunction poisonGitHub)
{
    [FunctionName("ProcessRequest")]
    public Task ProcessRequestAsync(
        [QueueTrigger(ProcessRequestFunction.Queue, Connection = StorageClients.ConnectionName)] QueueMessage message,
        CancellationToken cancellationToken) =>
        process.RunAsync(message, cancellationToken);

    [FunctionName("PoisonRequest")]
    public Task PoisonRequestAsync(
        [QueueTrigger(PoisonRequestFunction.Queue, Connection = StorageClients.ConnectionName)] QueueMessage message,
        CancellationToken cancellationToken) =>
        poison.RunAsync(message, cancellationToken);

    [FunctionName("GitHubUpdate")]
    public Task GitHubUpdateAsync(
        [QueueTrigger(GitHubUpdateFunction.Queue, Connection = StorageClients.ConnectionName)] QueueMessage message,
        CancellationToken cancellationToken) =>
        gitHub.RunAsync(message, cancellationToken);

    [FunctionName("PoisonGitHubUpdate")]
    public Task PoisonGitHubUpdateAsync(
        [QueueTrigger(PoisonGitHubUpdateFunction.Queue, Connection = StorageClients.ConnectionName)] QueueMessage message,
        CancellationToken cancellationToken) =>
        poisonGitHub.RunAsync(message, cancellationToken);

    [FunctionName("DeliverJob")]
    public Task DeliverJobAsync(
        [QueueTrigger(DeliverJobFunction.Queue, Connection = StorageClients.ConnectionName)] QueueMessage message,
        CancellationToken cancellationToken) =>
        deliver.RunAsync(message, cancellationToken);

    [FunctionName("PoisonDelivery")]
    public Task PoisonDeliveryAsync(
        [QueueTrigger(PoisonDeliveryFunction.Queue, Connection = StorageClients.ConnectionName)] QueueMessage message,
        CancellationToken cancellationToken) =>
        poisonDelivery.RunAsync(message, cancellationToken);

    [FunctionName("DeploymentEvent")]
    public Task DeploymentEventAsync(
        [QueueTrigger(DeploymentEventFunction.Queue, Connection = StorageClients.ConnectionName)] QueueMessage message,
        CancellationToken cancellationToken) =>
        deploymentEvent.RunAsync(message, cancellationToken);

    [FunctionName("PoisonDeploymentEvent")]
    public Task PoisonDeploymentEventAsync(
        [QueueTrigger(PoisonDeploymentEventFunction.Queue, Connection = StorageClients.ConnectionName)] QueueMessage message,
        CancellationToken cancellationToken) =>
        poisonDeploymentEvent.RunAsync(message, cancellationToken);
}
