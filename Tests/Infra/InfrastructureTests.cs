using System.Text.Json;
using System.Text.RegularExpressions;

namespace Redeploy.Tests.Infra;

/// <summary>
/// The security posture of infra/ (CONTRACT §10), pinned on the ARM JSON that the Bicep CLI compiles: these tests are
/// the scan. A change that turns shared keys on, lets FTP in or widens a role assignment fails here.
/// </summary>
public sealed class InfrastructureTests(CompiledInfrastructure infra) : IClassFixture<CompiledInfrastructure>
{
    private static readonly string[] StorageDataRoles =
    [
        "b7e6dc6d-f1e8-4753-8033-0f276bb0955b", // Storage Blob Data Owner
        "974c5e8b-45b9-4653-ba55-5f855dd0fb88", // Storage Queue Data Contributor
        "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", // Storage Table Data Contributor
    ];

    private const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";

    [Fact]
    public void Build_MainBicep_HasNoDiagnostics()
    {
        Assert.Equal(0, infra.Build.ExitCode);
        Assert.Equal(string.Empty, infra.Build.Error.Trim());
    }

    [Fact]
    public async Task Lint_MainBicep_ReportsNothing()
    {
        var lint = await BicepCli.RunAsync("lint", BicepCli.MainFile, "--diagnostics-format", "sarif");

        Assert.Equal(0, lint.ExitCode);
        var results = JsonDocument.Parse(lint.Output).RootElement.GetProperty("runs")[0].GetProperty("results");
        Assert.Empty(results.EnumerateArray().Select(r => $"{r.GetProperty("ruleId")}: {r.GetProperty("message").GetProperty("text")}"));
    }

    [Fact]
    public async Task Lint_SecretInAnOutput_IsAnError()
    {
        var copy = Directory.CreateTempSubdirectory("redeploy-infra-");
        try
        {
            CopyDirectory(BicepCli.InfraDirectory, copy.FullName);
            var main = Path.Combine(copy.FullName, "main.bicep");
            File.AppendAllText(main, "\n@secure()\nparam hookSecret string\noutput leaked string = hookSecret\n");

            var lint = await BicepCli.RunAsync("lint", main);

            Assert.NotEqual(0, lint.ExitCode);
            Assert.Contains("Error outputs-should-not-contain-secrets", lint.Output + lint.Error);
        }
        finally
        {
            copy.Delete(recursive: true);
        }
    }

    [Fact]
    public void Storage_IdentityOnlyTls12NoPublicBlobs()
    {
        var properties = infra.Single("Microsoft.Storage/storageAccounts").GetProperty("properties");

        Assert.False(properties.GetProperty("allowSharedKeyAccess").GetBoolean());
        Assert.Equal("TLS1_2", properties.GetProperty("minimumTlsVersion").GetString());
        Assert.False(properties.GetProperty("allowBlobPublicAccess").GetBoolean());
        Assert.True(properties.GetProperty("supportsHttpsTrafficOnly").GetBoolean());
    }

    [Fact]
    public void FunctionApp_FlexConsumptionDotnetIsolatedHttpsOnlyWithoutFtp()
    {
        var plan = infra.Single("Microsoft.Web/serverfarms");
        var site = infra.Single("Microsoft.Web/sites");
        var properties = site.GetProperty("properties");
        var config = properties.GetProperty("siteConfig");

        Assert.Equal("FlexConsumption", plan.GetProperty("sku").GetProperty("tier").GetString());
        Assert.Equal("dotnet-isolated", properties.GetProperty("functionAppConfig").GetProperty("runtime").GetProperty("name").GetString());
        Assert.True(properties.GetProperty("httpsOnly").GetBoolean());
        Assert.Equal("Disabled", config.GetProperty("ftpsState").GetString());
        Assert.Equal("1.2", config.GetProperty("minTlsVersion").GetString());
        Assert.Equal("UserAssigned", site.GetProperty("identity").GetProperty("type").GetString());
        Assert.Equal(
            "UserAssignedIdentity",
            properties.GetProperty("functionAppConfig").GetProperty("deployment").GetProperty("storage").GetProperty("authentication").GetProperty("type").GetString());
    }

    [Fact]
    public void FunctionApp_BasicPublishingCredentialsOffForFtpAndScm()
    {
        var policies = infra.OfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies").ToList();

        Assert.Equal(["ftp", "scm"], policies.Select(p => Regex.Match(p.GetProperty("name").GetString()!, @"'(\w+)'\)\]$").Groups[1].Value).Order());
        Assert.All(policies, p => Assert.False(p.GetProperty("properties").GetProperty("allow").GetBoolean()));
    }

    [Fact]
    public void AppSettings_IdentityBasedStorageAndTheAppsOwnAddress()
    {
        var settings = infra.Single("Microsoft.Web/sites/config").GetProperty("properties");

        Assert.Equal("managedidentity", settings.GetProperty("AzureWebJobsStorage__credential").GetString());
        Assert.True(settings.TryGetProperty("AzureWebJobsStorage__accountName", out _));
        Assert.True(settings.TryGetProperty("AzureWebJobsStorage__clientId", out _));
        Assert.False(settings.TryGetProperty("AzureWebJobsStorage", out _));
        Assert.Contains("defaultHostName", settings.GetProperty("Redeploy__PublicBaseUrl").GetString());
        Assert.Equal("[parameters('keyVaultUri')]", settings.GetProperty("Redeploy__KeyVaultUri").GetString());
    }

    [Fact]
    public void Template_ReadsNoKeys()
    {
        // listKeys, listConnectionStrings, listSecrets...: nothing in the deployment ever reads a credential.
        Assert.DoesNotMatch(@"\blist[A-Za-z]*\(", infra.Build.Output);
        Assert.DoesNotContain("AccountKey", infra.Build.Output);
    }

    [Fact]
    public void Outputs_HoldNoSecret()
    {
        var outputs = infra.Outputs().ToList();

        Assert.NotEmpty(outputs);
        Assert.All(outputs, o =>
        {
            Assert.Equal("string", o.Output.GetProperty("type").GetString(), ignoreCase: true);
            var value = o.Output.GetProperty("value").GetString()!;
            Assert.DoesNotMatch(@"\blist[A-Za-z]*\(|secure|password|[Kk]ey\b", value);
        });
    }

    [Fact]
    public void StorageRoles_AreTheDataRolesScopedToTheOneAccount()
    {
        var assignments = infra.Resources
            .Where(r => r.Module == "storage" && r.Resource.GetProperty("type").GetString() == "Microsoft.Authorization/roleAssignments")
            .Select(r => r.Resource)
            .ToList();

        Assert.Equal(2, assignments.Count); // the app's roles, and the azd user's
        Assert.All(assignments, a =>
        {
            Assert.Equal("[resourceId('Microsoft.Storage/storageAccounts', parameters('name'))]", a.GetProperty("scope").GetString());
            Assert.Matches(@"variables\('(appRoles|userRoles)'\)\[copyIndex\(\)\]", a.GetProperty("properties").GetProperty("roleDefinitionId").GetString());
        });
        Assert.Equal(StorageDataRoles.Order(), Roles("appRoles").Order());
        Assert.Subset(StorageDataRoles.ToHashSet(), Roles("userRoles").ToHashSet());
    }

    private IEnumerable<string> Roles(string variable) =>
        Variable("storage", variable).EnumerateArray().Select(r => ResolveRole("storage", r.GetString()!));

    [Fact]
    public void RoleAssignments_EachScopedToOneResourceNeverTheGroupOrSubscription()
    {
        var assignments = infra.OfType("Microsoft.Authorization/roleAssignments").ToList();

        Assert.Equal(5, assignments.Count); // storage (app, user), Application Insights, Key Vault (app, user)
        Assert.All(assignments, a => Assert.StartsWith("[resourceId('Microsoft.", a.GetProperty("scope").GetString()));
    }

    [Fact]
    public void KeyVault_RbacWithTheAppAsSecretsUser()
    {
        var vault = infra.Single("Microsoft.KeyVault/vaults").GetProperty("properties");
        var appRole = infra.Resources.Where(r => r.Module == "keyvault").Select(r => r.Resource)
            .Single(r => r.GetProperty("type").GetString() == "Microsoft.Authorization/roleAssignments" && !r.TryGetProperty("condition", out _));

        Assert.True(vault.GetProperty("enableRbacAuthorization").GetBoolean());
        Assert.False(vault.TryGetProperty("accessPolicies", out _));
        Assert.Equal("[resourceId('Microsoft.KeyVault/vaults', parameters('name'))]", appRole.GetProperty("scope").GetString());
        Assert.Equal(KeyVaultSecretsUser, ResolveRole("keyvault", appRole.GetProperty("properties").GetProperty("roleDefinitionId").GetString()!));
    }

    [Fact]
    public void ApplicationInsights_OnLogAnalyticsWithoutLocalAuth()
    {
        var component = infra.Single("Microsoft.Insights/components").GetProperty("properties");

        Assert.Contains("Microsoft.OperationalInsights/workspaces", component.GetProperty("WorkspaceResourceId").GetString());
        Assert.True(component.GetProperty("DisableLocalAuth").GetBoolean());
    }

    private JsonElement Variable(string module, string name) =>
        infra.Resources.Single(r => r.Resource.GetProperty("type").GetString() == "Microsoft.Resources/deployments" && r.Resource.GetProperty("name").GetString() == module)
            .Resource.GetProperty("properties").GetProperty("template").GetProperty("variables").GetProperty(name);

    /// <summary>A role id as written (a GUID, a variable holding one, or an expression around either), as a GUID.</summary>
    private string ResolveRole(string module, string expression)
    {
        var match = Regex.Match(expression, @"variables\('roles'\)\.(\w+)");
        if (match.Success)
        {
            return Variable(module, "roles").GetProperty(match.Groups[1].Value).GetString()!;
        }

        match = Regex.Match(expression, @"variables\('(\w+)'\)");
        return match.Success ? Variable(module, match.Groups[1].Value).GetString()! : Regex.Match(expression, "[0-9a-f]{8}-[0-9a-f-]{27}").Value;
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
