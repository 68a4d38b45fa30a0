using Redeploy.Core.Storage;

namespace Redeploy.Core.Deployments;

/// <summary>Reads a message of <c>deployment-events</c>: a report with <c>jobId</c> added (CONTRACT §7).</summary>
public static class EventMessages
{
    /// <exception cref="FormatException">Not a report: the host retries it, then moves it to the poison queue.</exception>
    public static (string JobId, DeploymentReport Report) Read(BinaryData body)
    {
        var read = ReportReader.Read(body.ToMemory().Span);
        if (!read.Succeeded)
        {
            throw new FormatException($"not a deployment report: {read.Failure.Detail}");
        }

        return read.Value.JobId is { Length: > 0 } jobId
            ? (jobId, read.Value.Report)
            : throw new FormatException("not a deployment report: jobId is missing");
    }
}
