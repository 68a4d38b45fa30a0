using Redeploy.Core.Stacks;
using Xunit;

namespace Redeploy.Tests.Stacks;

public sealed class StackSettingsTests
{
    [Theory]
    [InlineData("true", "true")]
    [InlineData(" True ", "true")]
    [InlineData("FALSE", "false")]
    public void Normalize_ContinuousDeployBoolean_StoredLowercase(string value, string expected)
    {
        Assert.Equal(expected, StackSettings.Normalize(StackSettings.ContinuousDeploy, value, out var error));
        Assert.Null(error);
    }

    [Fact]
    public void Normalize_ContinuousDeployNotBoolean_Refused()
    {
        Assert.Null(StackSettings.Normalize(StackSettings.ContinuousDeploy, "yes", out var error));
        Assert.Equal("continuous.deploy is true or false, not 'yes'", error);
    }

    [Fact]
    public void Normalize_Environment_TrimmedAndBounded()
    {
        Assert.Equal("production", StackSettings.Normalize(StackSettings.Environment, " production ", out _));
        Assert.NotNull(StackSettings.Normalize(StackSettings.Environment, new string('e', StackSettings.MaxEnvironmentLength), out _));
        Assert.Null(StackSettings.Normalize(StackSettings.Environment, new string('e', StackSettings.MaxEnvironmentLength + 1), out var tooLong));
        Assert.Null(StackSettings.Normalize(StackSettings.Environment, "  ", out var empty));
        Assert.Null(StackSettings.Normalize(StackSettings.Environment, "prod\nuction", out var control));
        Assert.All([tooLong, empty, control], e => Assert.Equal("environment is a GitHub environment name of 1 to 255 characters", e));
    }

    [Fact]
    public void Normalize_UnknownKey_RefusedNamingTheKnownOnes()
    {
        Assert.Null(StackSettings.Normalize("github.hooks", "{}", out var error));
        Assert.Equal("unknown setting 'github.hooks' (known: continuous.deploy, environment)", error);
    }

    [Fact]
    public void Describe_SetUnsetAndDefault()
    {
        var settings = new Dictionary<string, string> { [StackSettings.ContinuousDeploy] = "true" };

        Assert.Equal("true", StackSettings.Describe(settings, "shop", StackSettings.ContinuousDeploy));
        Assert.Equal("shop (the stack's name)", StackSettings.Describe(settings, "shop", StackSettings.Environment));
        Assert.Equal("not set", StackSettings.Describe(new Dictionary<string, string>(), "shop", StackSettings.ContinuousDeploy));
    }
}
