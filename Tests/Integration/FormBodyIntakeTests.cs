using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Redeploy.Core.Intake;
using Redeploy.Functions;

namespace Redeploy.Tests.Integration;

/// <summary>A form body is decoded in place and its pooled memory is back in the budget once the answer is made (issue 18).</summary>
[Collection(AzuriteCollection.Name)]
public sealed class FormBodyIntakeTests(AzuriteFixture azurite)
{
    [Theory]
    [InlineData("accepted", 202)]
    [InlineData("malformed payload", 400)]
    [InlineData("wrong signature", 401)]
    public async Task Post_FormBody_AnswersAndReturnsItsMemoryToTheBudget(string name, int status)
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var (uid, token) = await pipeline.AddStackAsync(SampleStacks.Shop, secret: "s3cret");
        var budget = new BodyBudget(pipeline.Options.MaxBufferedBytes);
        var intake = new HookIntake(pipeline.Stacks, pipeline.Requests, pipeline.RequestQueue, pipeline.Options, pipeline.Time, NullLogger<HookIntake>.Instance, sharedBodyBudget: budget);
        var json = name == "malformed payload" ? """{"ref": "refs/heads/main", """ : Payloads.GitHubPush();
        var form = "payload=" + Uri.EscapeDataString(json).Replace("%20", "+");
        var signature = Payloads.Sign(name == "wrong signature" ? "other" : "s3cret", form);

        var answer = await PostAsync(intake, uid, token, form, signature);

        Assert.Equal(status, answer.Status);
        Assert.Equal(0, budget.InFlight);
        Assert.Equal(status == 202 ? 1 : 0, await pipeline.RequestMessageCountAsync());
    }

    private static async Task<TestAnswer> PostAsync(HookIntake intake, string uid, string token, string form, string signature)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.Body = new MemoryStream(Encoding.ASCII.GetBytes(form));
        context.Request.ContentLength = context.Request.Body.Length;
        context.Request.ContentType = "application/x-www-form-urlencoded";
        foreach (var (header, value) in Payloads.GitHubHeaders())
        {
            context.Request.Headers[header] = value;
        }

        context.Request.Headers["X-Hub-Signature-256"] = signature;
        context.Response.Body = new MemoryStream();
        var result = await new HookFunction(intake).RunAsync(context.Request, uid, token, CancellationToken.None);
        return await TestAnswer.ExecuteAsync(result, context);
    }
}
