namespace Redeploy.Cli.StackFiles;

/// <summary>
/// A stack's <c>deployer</c> as the file declares it: <c>queue</c>, or <c>webhook: {url, secret}</c>. The secret is
/// resolved (from <c>env:NAME</c>) when the file is applied.
/// </summary>
public sealed record DeployerDeclaration(string Kind, string? Url = null, SecretReference? Secret = null);
