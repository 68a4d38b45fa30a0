using System.Text;
using Redeploy.Core.Deployments;
using Redeploy.Core.Storage;

namespace Redeploy.Tests.Deployments;

public sealed class ReportReaderTests
{
    [Fact]
    public void Read_FullReport_ReadsEveryFieldAndIgnoresUnknownOnes()
    {
        var read = Read("""{"state":"succeeded","description":"v42","logUrl":"https://ci.example/7","environmentUrl":"http://10.0.0.5:8080/","extra":{"a":[1]}}""");

        Assert.True(read.Succeeded);
        Assert.Equal(new DeploymentReport("succeeded", "v42", "https://ci.example/7", "http://10.0.0.5:8080/"), read.Value.Report);
        Assert.Null(read.Value.JobId);
    }

    [Fact]
    public void Read_QueueMessage_ReadsTheJobId() =>
        Assert.Equal("abc", Read("""{"jobId":"abc","state":"started"}""").Value.JobId);

    [Theory]
    [InlineData("", "JSON object")]
    [InlineData("state=started", "not valid JSON")]
    [InlineData("[]", "JSON object")]
    [InlineData("""{"state":"done"}""", "'done'")]
    [InlineData("""{"description":"x"}""", "state must be one of")]
    [InlineData("""{"state":1}""", "state must be a string")]
    [InlineData("""{"state":"started","logUrl":"ftp://ci.example/1"}""", "logUrl must be an absolute http or https URL")]
    [InlineData("""{"state":"started","environmentUrl":"/relative"}""", "environmentUrl must be")]
    [InlineData("""{"state":"started"} {}""", "not valid JSON")]
    public void Read_BadBody_SaysWhatIsWrong(string body, string expected)
    {
        var read = Read(body);

        Assert.False(read.Succeeded);
        Assert.Contains(expected, read.Failure!.Detail);
    }

    [Fact]
    public void Read_LongDescription_IsCutTo139CharactersAndAnEllipsis()
    {
        var description = new string('a', 300);

        var read = Read($$"""{"state":"failed","description":"{{description}}"}""");

        Assert.Equal(new string('a', 139) + "…", read.Value.Report.Description);
    }

    [Fact]
    public void Read_DescriptionOf140Characters_IsKept() =>
        Assert.Equal(140, Read($$"""{"state":"failed","description":"{{new string('b', 140)}}"}""").Value.Report.Description!.Length);

    private static Redeploy.Core.Outcome<(string? JobId, DeploymentReport Report)> Read(string body) => ReportReader.Read(Encoding.UTF8.GetBytes(body));
}
