namespace Redeploy.Cli.StackFiles;

/// <summary>
/// A stack's <c>deployer</c> as the file declares it: <c>queue</c>, <c>webhook: {url, secret}</c> or
/// <c>github-actions: {repository, workflow, ref}</c>. The secret is resolved (from <c>env:NAME</c>) when the file is
/// applied; a deployer with nothing to resolve comes as its <see cref="Target"/>.
/// </summary>
public sealed record DeployerDeclaration(string Kind, string? Url = null, SecretReference? Secret = null, Core.Stacks.DeployerTarget? Target = null);
