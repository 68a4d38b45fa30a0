namespace Redeploy.Core.GitHub;

/// <summary>
/// Settings of the section <c>Redeploy:GitHub</c> (environment <c>Redeploy__GitHub__Name</c>), CONTRACT §8: the API
/// address, and a token or a GitHub App (the App wins when both are set).
/// </summary>
public sealed class GitHubOptions
{
    public const string Section = RedeployOptions.Section + ":GitHub";

    public const string DefaultApiUrl = "https://api.github.com";

    /// <summary>The REST API root; GitHub Enterprise Server: <c>https://HOST/api/v3</c>.</summary>
    public string ApiUrl { get; set; } = DefaultApiUrl;

    /// <summary>A token with webhooks, deployments and actions write on the repositories.</summary>
    public string? Token { get; set; }

    public string? AppId { get; set; }

    /// <summary>The App's private key: a PEM, or <c>keyvault:NAME</c> to read it from <c>Redeploy:KeyVaultUri</c>.</summary>
    public string? PrivateKey { get; set; }

    /// <summary>The host whose repositories are GitHub's; default github.com with the default API URL, else the API URL's host.</summary>
    public string? Host { get; set; }

    /// <summary>The table of the GitHub deployments Redeploy created, by request.</summary>
    [System.ComponentModel.DataAnnotations.RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    public string DeploymentsTable { get; set; } = "githubdeployments";

    public bool UsesApp => !string.IsNullOrWhiteSpace(AppId) && !string.IsNullOrWhiteSpace(PrivateKey);

    public bool HasCredentials => UsesApp || !string.IsNullOrWhiteSpace(Token);

    public string ApiBase => ApiUrl.TrimEnd('/');

    public string RepositoryHost =>
        (Host is { Length: > 0 } host ? host
            : string.Equals(ApiBase, DefaultApiUrl, StringComparison.OrdinalIgnoreCase) ? "github.com"
            : Uri.TryCreate(ApiBase, UriKind.Absolute, out var api) ? api.Host
            : "github.com").ToLowerInvariant();
}
