using Redeploy.Core.Security;

namespace Redeploy.Tests.Security;

public sealed class UrlRedactionTests
{
    private const string Uid = "3f9a0c1e5b7d4a2c8e6f0a1b2c3d4e5f";
    private const string Token = "9c1e0a1b2c3d4e5f3f9a0c1e5b7d4a2c";

    [Theory]
    [InlineData("https://func.test/stacks/redeploy/" + Uid + "/" + Token, "https://func.test/stacks/redeploy/" + Uid + "/***")]
    [InlineData("https://func.test/stacks/redeploy/" + Uid + "/" + Token + "?services=web", "https://func.test/stacks/redeploy/" + Uid + "/***")]
    [InlineData("/stacks/redeploy/" + Uid + "/" + Token + "/requests/abc", "/stacks/redeploy/" + Uid + "/***")]
    [InlineData("POST /Stacks/Redeploy/" + Uid + "/" + Token, "POST /Stacks/Redeploy/" + Uid + "/***")]
    [InlineData("https://deployer.test/deployments/job1/" + Token + "/events", "https://deployer.test/deployments/job1/***")]
    [InlineData("a /stacks/redeploy/u1/t1 then /deployments/j1/t2 and /stacks/redeploy/u2/t3 end", "a /stacks/redeploy/u1/*** then /deployments/j1/*** and /stacks/redeploy/u2/*** end")]
    [InlineData("/stacks/redeploy/" + Uid, "/stacks/redeploy/" + Uid)]
    [InlineData("https://table.core.windows.net/stacks()", "https://table.core.windows.net/stacks()")]
    [InlineData("", "")]
    public void Redact_Text_MasksWhatFollowsTheUidOrJobId(string text, string expected)
    {
        Assert.Equal(expected, UrlRedaction.Redact(text));
    }

    [Fact]
    public void Redact_Uri_MasksTheToken()
    {
        var uri = new Uri($"http://localhost:7071/stacks/redeploy/{Uid}/{Token}");

        Assert.Equal($"http://localhost:7071/stacks/redeploy/{Uid}/***", UrlRedaction.Redact(uri)!.ToString());
    }

    [Fact]
    public void Redact_ManyPrefixesOfOneKindThenTheOther_LinearAndAllMasked()
    {
        var text = string.Concat(Enumerable.Repeat("/deployments/j/t ", 20_000)) + "/stacks/redeploy/u/t";

        var redacted = UrlRedaction.Redact(text);

        Assert.DoesNotContain("/t ", redacted);
        Assert.EndsWith("/stacks/redeploy/u/***", redacted);
    }
}
