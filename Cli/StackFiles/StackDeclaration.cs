using Redeploy.Core.Stacks;

namespace Redeploy.Cli.StackFiles;

/// <summary>One stack as a file declares it: the definition, its secret if any, and where it is in the file.</summary>
public sealed record StackDeclaration(Stack Definition, SecretReference? Secret, int Line);
