using Redeploy.Cli.Output;

namespace Redeploy.Tests.Cli;

public sealed class CliOutputTests
{
    [Fact]
    public void Table_Redirected_WritesTabSeparatedLinesHeaderFirst()
    {
        var stdout = new StringWriter();
        var output = new CliOutput(stdout, new StringWriter(), rich: false);

        output.Table(["stack", "kind"], [["shop", "docker"], ["blog\tx", "classic"]]);

        Assert.Equal("stack\tkind\nshop\tdocker\nblog x\tclassic\n", stdout.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Table_Terminal_DrawsATableWithEveryCell()
    {
        var stdout = new StringWriter();
        var output = new CliOutput(stdout, new StringWriter(), rich: true);

        output.Table(["stack", "kind"], [["shop", "docker"], ["[blog]", "classic"]]);

        var text = stdout.ToString();
        Assert.Contains("shop", text);
        Assert.Contains("[blog]", text);
        Assert.NotEqual("stack\tkind", text.Split('\n')[0].TrimEnd('\r'));
    }

    [Fact]
    public void FailAndWarning_GoToStderrOnly()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var output = new CliOutput(stdout, stderr, rich: false);

        output.Fail("broken");
        output.Warning("careful");

        Assert.Empty(stdout.ToString());
        Assert.Equal("error: broken\nwarning: careful\n", stderr.ToString().ReplaceLineEndings("\n"));
    }
}
