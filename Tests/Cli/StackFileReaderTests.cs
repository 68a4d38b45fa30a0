using Redeploy.Cli.StackFiles;
using Redeploy.Core.Stacks;

namespace Redeploy.Tests.Cli;

public sealed class StackFileReaderTests
{
    [Theory]
    [InlineData("shop-and-blog.yaml")]
    [InlineData("shop-and-blog.json")]
    public void ReadFile_ContractExample_ReadsDockerAndClassicStacks(string file)
    {
        var read = StackFileReader.ReadFile(CliHarness.Fixture(file), file);

        Assert.Empty(read.Errors);
        Assert.Equal(["shop", "blog"], read.Stacks.Select(s => s.Definition.Name));
        var shop = read.Stacks[0].Definition;
        Assert.Equal(StackKind.Docker, shop.Kind);
        Assert.Null(shop.Git);
        Assert.Equal(new Service("web", new GitSource("https://github.com/acme/shop.git", "main")), shop.Services[0]);
        Assert.Equal(new Service("redis", null, "redis:7"), shop.Services[^1]);
        var blog = read.Stacks[1].Definition;
        Assert.Equal(StackKind.Classic, blog.Kind);
        Assert.Empty(blog.Services);
        Assert.Equal(new GitSource("https://bitbucket.org/acme/blog", "production"), blog.Git);
    }

    [Fact]
    public void Read_JsonIndentedWithTabs_ReadsTheStack()
    {
        const string json = "{\n\t\"stacks\": [\n\t\t{ \"name\": \"blog\", \"kind\": \"classic\",\n\t\t  \"git\": { \"repository\": \"https://bitbucket.org/acme/blog\", \"branch\": \"production\" } }\n\t]\n}\n";

        var read = StackFileReader.Read("tabs.json", new StringReader(json));

        Assert.Empty(read.Errors);
        Assert.Equal("blog", Assert.Single(read.Stacks).Definition.Name);
    }

    [Fact]
    public void ReadFile_EnvironmentSecret_KeepsTheVariableName()
    {
        var read = StackFileReader.ReadFile(CliHarness.Fixture("shop-and-blog.yaml"), "shop-and-blog.yaml");

        Assert.Equal(new SecretReference("SHOP_WEBHOOK_SECRET", null, 5, "stacks[0].secret"), read.Stacks[0].Secret);
        Assert.Null(read.Stacks[1].Secret);
    }

    [Fact]
    public void ReadFile_KeyVaultSecret_KeepsTheSecretNameAndNoValue()
    {
        var read = StackFileReader.ReadFile(CliHarness.Fixture("secret-keyvault.yaml"), "secret-keyvault.yaml");

        Assert.Empty(read.Errors);
        var secret = read.Stacks[0].Secret!;
        Assert.Equal("shop-webhook-secret", secret.KeyVaultName);
        Assert.Null(secret.Variable);
        Assert.Null(secret.Literal);
        Assert.Null(secret.Resolve("secret-keyvault.yaml", _ => throw new InvalidOperationException("no environment read"), out var error));
        Assert.Null(error);
    }

    [Theory]
    [InlineData("shop-webhook-secret", true)]
    [InlineData("Shop2", true)]
    [InlineData("", false)]
    [InlineData("shop_webhook", false)]
    [InlineData("shop/webhook", false)]
    public void IsKeyVaultName_FollowsKeyVaultsRule(string name, bool valid)
    {
        Assert.Equal(valid, SecretReference.IsKeyVaultName(name));
        Assert.False(SecretReference.IsKeyVaultName(new string('a', 128)));
    }

    [Fact]
    public void ReadFile_SampleStacks_HasNoErrors()
    {
        var read = StackFileReader.ReadFile(Path.Combine(AppContext.BaseDirectory, "samples", "stacks.yaml"));

        Assert.Empty(read.Errors);
        Assert.Equal(["shop", "blog"], read.Stacks.Select(s => s.Definition.Name));
    }

    [Theory]
    [InlineData("invalid-docker-with-git.yaml", 4, "stacks[0].git", "docker stack")]
    [InlineData("invalid-classic-with-services.yaml", 5, "stacks[0].services", "classic stack")]
    [InlineData("invalid-service-git-and-image.yaml", 7, "stacks[0].services[1]", "either git or image")]
    [InlineData("invalid-missing-branch.yaml", 6, "stacks[0].services[0].git.branch", "required")]
    [InlineData("invalid-duplicate-service.yaml", 7, "stacks[0].services[1].name", "already declared at line 5")]
    [InlineData("invalid-unknown-kind.yaml", 3, "stacks[0].kind", "docker or classic")]
    [InlineData("invalid-unknown-field.yaml", 7, "stacks[0].services[0].branch", "unknown field")]
    [InlineData("invalid-missing-name.json", 3, "stacks[0].name", "required")]
    public void ReadFile_InvalidFile_ErrorNamesFileLineAndField(string file, int line, string field, string message)
    {
        var read = StackFileReader.ReadFile(CliHarness.Fixture(file), file);

        var error = Assert.Single(read.Errors);
        Assert.Equal((file, line, field), (error.File, error.Line, error.Field));
        Assert.Contains(message, error.Message);
        Assert.StartsWith($"{file}:{line}: {field}: ", error.ToString());
        Assert.Empty(read.Stacks);
    }

    [Fact]
    public void ReadFile_SyntaxError_NamesTheLine()
    {
        var read = StackFileReader.ReadFile(CliHarness.Fixture("invalid-syntax.yaml"), "invalid-syntax.yaml");

        var error = Assert.Single(read.Errors);
        Assert.Equal("(syntax)", error.Field);
        Assert.InRange(error.Line, 4, 5);
    }

    [Theory]
    [InlineData("", 1, "stacks")]
    [InlineData("stacks: []", 1, "stacks")]
    [InlineData("stack:\n  - name: a", 1, "stack")]
    [InlineData("stacks:\n  - name: a/b\n    kind: docker\n    services: [ { name: web, image: nginx } ]", 2, "stacks[0].name")]
    [InlineData("stacks:\n  - name: a\n    kind: docker\n    services: [ { name: web, image: nginx } ]\n  - name: a\n    kind: docker\n    services: [ { name: web, image: nginx } ]", 5, "stacks[1].name")]
    [InlineData("stacks:\n  - name: a\n    kind: docker\n    secret: 'env:'\n    services: [ { name: web, image: nginx } ]", 4, "stacks[0].secret")]
    [InlineData("stacks:\n  - name: a\n    kind: docker\n    services: [ { name: web, image: [nginx] } ]", 4, "stacks[0].services[0].image")]
    public void Read_InvalidText_ErrorNamesLineAndField(string text, int line, string field)
    {
        var read = StackFileReader.Read("inline.yaml", new StringReader(text));

        Assert.Equal((line, field), (read.Errors[0].Line, read.Errors[0].Field));
        Assert.Empty(read.Stacks);
    }

    [Fact]
    public void Read_SeveralMistakes_ReportsEveryOne()
    {
        const string text = "stacks:\n  - name: a\n    kind: docker\n  - name: b\n    kind: classic\n";

        var read = StackFileReader.Read("two.yaml", new StringReader(text));

        Assert.Equal([("stacks[0].services", 2), ("stacks[1].git", 4)], read.Errors.Select(e => (e.Field, e.Line)));
    }

    [Fact]
    public void ReadFile_Deployers_ReadsWebhookWithItsSecretReferenceAndQueue()
    {
        var read = StackFileReader.ReadFile(CliHarness.Fixture("webhook-deployer.yaml"), "webhook-deployer.yaml");

        Assert.Empty(read.Errors);
        var webhook = read.Stacks[0].Deployer!;
        Assert.Equal(("webhook", "http://127.0.0.1:8090/deploy?key=k1", "DEPLOYER_SECRET"), (webhook.Kind, webhook.Url, webhook.Secret!.Variable));
        Assert.Equal(new DeployerDeclaration("queue"), read.Stacks[1].Deployer);
    }

    [Fact]
    public void ReadFile_BadDeployers_NamesEachProblemWithItsLine()
    {
        var read = StackFileReader.ReadFile(CliHarness.Fixture("invalid-deployer.yaml"), "invalid-deployer.yaml");

        Assert.Empty(read.Stacks);
        Assert.Contains(read.Errors, e => e.ToString().Contains("invalid-deployer.yaml:5: stacks[0].deployer.webhook.url: 'ftp://deploy.example/x' is not an absolute http or https URL"));
        Assert.Contains(read.Errors, e => e.ToString().Contains("stacks[0].deployer.webhook.secret: required"));
        Assert.Contains(read.Errors, e => e.ToString().Contains("invalid-deployer.yaml:11: stacks[1].deployer: 'jenkins' is not a deployer"));
    }
}
