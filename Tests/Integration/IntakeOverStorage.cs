using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Redeploy.Core.Intake;
using Redeploy.Core.Storage;
using Redeploy.Functions;

namespace Redeploy.Tests.Integration;

/// <summary>
/// A hook intake over the pipeline's stacks but storage of the test's choosing for requests (one that is down, or that
/// refuses some calls), and a GitHub push posted to it through the real HTTP function.
/// </summary>
internal static class IntakeOverStorage
{
    public static HookIntake Create(TestPipeline pipeline, RequestLog requests, RequestQueue queue) =>
        new(pipeline.Stacks, requests, queue, pipeline.Options, pipeline.Time, NullLogger<HookIntake>.Instance);

    public static async Task<TestAnswer> PostAsync(HookIntake intake, string uid, string token, IReadOnlyDictionary<string, string> headers)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(Payloads.GitHubPush()));
        context.Request.ContentLength = context.Request.Body.Length;
        context.Request.ContentType = "application/json";
        foreach (var (name, value) in headers)
        {
            context.Request.Headers[name] = value;
        }

        context.Response.Body = new MemoryStream();
        var result = await new HookFunction(intake).RunAsync(context.Request, uid, token, CancellationToken.None);
        return await TestAnswer.ExecuteAsync(result, context);
    }
}
