using System.Text.Json;
using Azure.Storage.Queues;
using Microsoft.Azure.WebJobs.Host;

namespace Redeploy.Cli.Dev;

/// <summary>Reads the queue settings of host.json, so the local host polls, retries and poisons as the Functions host does.</summary>
public static class HostJson
{
    public const string FileName = "host.json";

    /// <summary>host.json next to the binary (the build links it there), else at the repository root.</summary>
    public static string? Find()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, FileName);
        if (File.Exists(beside))
        {
            return beside;
        }

        var root = NodeTools.FindRepositoryRoot(AppContext.BaseDirectory) ?? NodeTools.FindRepositoryRoot(Directory.GetCurrentDirectory());
        return root is null ? null : Path.Combine(root, FileName);
    }

    public static void ApplyQueueSettings(string? path, QueuesOptions options)
    {
        if (path is null || !File.Exists(path))
        {
            return;
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        if (!document.RootElement.TryGetProperty("extensions", out var extensions) || !extensions.TryGetProperty("queues", out var queues))
        {
            return;
        }

        foreach (var setting in queues.EnumerateObject())
        {
            switch (setting.Name.ToLowerInvariant())
            {
                case "maxpollinginterval":
                    options.MaxPollingInterval = TimeSpan.Parse(setting.Value.GetString()!);
                    break;
                case "visibilitytimeout":
                    options.VisibilityTimeout = TimeSpan.Parse(setting.Value.GetString()!);
                    break;
                case "batchsize":
                    options.BatchSize = setting.Value.GetInt32();
                    break;
                case "newbatchthreshold":
                    options.NewBatchThreshold = setting.Value.GetInt32();
                    break;
                case "maxdequeuecount":
                    options.MaxDequeueCount = setting.Value.GetInt32();
                    break;
                case "messageencoding":
                    options.MessageEncoding = Enum.Parse<QueueMessageEncoding>(setting.Value.GetString()!, ignoreCase: true);
                    break;
            }
        }
    }
}
