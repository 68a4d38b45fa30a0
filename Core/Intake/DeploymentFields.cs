using System.Text.Json;
using Redeploy.Core.Storage;

namespace Redeploy.Core.Intake;

/// <summary>The status JSON's fields about the deployment's life (CONTRACT §7), written by every answer that shows a request.</summary>
public static class DeploymentFields
{
    public static void Write(Utf8JsonWriter writer, RequestRecord record)
    {
        writer.WriteString("updatedAt", UpdatedAt(record));
        if (record.LogUrl is not null)
        {
            writer.WriteString("logUrl", record.LogUrl);
        }

        if (record.EnvironmentUrl is not null)
        {
            writer.WriteString("environmentUrl", record.EnvironmentUrl);
        }
    }

    /// <summary>When the row last changed (the table's timestamp); never before it was received.</summary>
    public static DateTimeOffset UpdatedAt(RequestRecord record) =>
        record.UpdatedAt is { } at && at > record.ReceivedAt ? at : record.ReceivedAt;
}
