namespace Redeploy.Core.Stacks;

/// <summary>
/// What a stack definition must be (CONTRACT §6): its names, its kind, and the shapes of the two kinds. A Docker stack
/// has services, each Git-sourced or image-sourced, and no <see cref="Stack.Git"/>; a Classic stack has
/// <see cref="Stack.Git"/> and no services. The stack file reader reports each rule at its line; <see cref="Problems"/>
/// checks a whole definition, for stacks made in code.
/// </summary>
public static class StackRules
{
    /// <summary>The longest stack or service name.</summary>
    public const int MaxNameLength = 200;

    public const string DockerWithGit = "a docker stack takes its repositories from its services: move git into each service";

    public const string ClassicWithServices = "a classic stack deploys as one unit: it has git, not services";

    private static readonly (string Word, StackKind Kind)[] Kinds = [("docker", StackKind.Docker), ("classic", StackKind.Classic)];

    /// <summary>
    /// Whether <paramref name="name"/> can name a stack or a service. Names become table row keys, where these characters
    /// are not allowed; surrounding spaces would make two names look alike.
    /// </summary>
    public static bool IsValidName(string name) =>
        name.Length is > 0 and <= MaxNameLength
        && name == name.Trim()
        && name.All(c => !char.IsControl(c) && c is not ('/' or '\\' or '#' or '?'));

    /// <summary>Why <paramref name="name"/> cannot be a name, or null when it can.</summary>
    public static string? NameError(string name) => IsValidName(name)
        ? null
        : $"'{name}' cannot be a name: no '/', '\\', '#', '?', control characters or surrounding spaces, at most {MaxNameLength} characters";

    /// <summary>The kind a stack file names (<c>docker</c> or <c>classic</c>, any case), or null.</summary>
    public static StackKind? ParseKind(string word)
    {
        foreach (var (known, kind) in Kinds)
        {
            if (string.Equals(word.ToLowerInvariant(), known, StringComparison.Ordinal))
            {
                return kind;
            }
        }

        return null;
    }

    public static string KindError(string word) => $"'{word}' is not a kind: {string.Join(" or ", Kinds.Select(k => k.Word))}";

    /// <summary>A service has exactly one source: why a service with these fields has not, or null.</summary>
    public static string? ServiceSourceError(bool hasGit, bool hasImage) => (hasGit, hasImage) switch
    {
        (true, true) => "a service has either git or image, not both",
        (false, false) => "a service needs git (repository and branch) or image",
        _ => null,
    };

    public static string DuplicateService(string name, int firstLine) => $"a service named '{name}' is already declared at line {firstLine}";

    public static string DuplicateStack(string name, int firstLine) => $"a stack named '{name}' is already declared at line {firstLine}";

    /// <summary>Every rule <paramref name="stack"/> breaks, as messages; empty for a valid definition.</summary>
    public static IReadOnlyList<string> Problems(Stack stack)
    {
        var problems = new List<string>();
        if (NameError(stack.Name) is { } nameError)
        {
            problems.Add(nameError);
        }

        if (stack.Kind == StackKind.Classic)
        {
            if (stack.Services.Count > 0)
            {
                problems.Add(ClassicWithServices);
            }

            if (stack.Git is null)
            {
                problems.Add("a classic stack needs git (repository and branch)");
            }

            return problems;
        }

        if (stack.Git is not null)
        {
            problems.Add(DockerWithGit);
        }

        if (stack.Services.Count == 0)
        {
            problems.Add("a docker stack needs at least one service");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var service in stack.Services)
        {
            if (NameError(service.Name) is { } serviceNameError)
            {
                problems.Add(serviceNameError);
            }
            else if (!names.Add(service.Name))
            {
                problems.Add($"a service named '{service.Name}' is declared twice");
            }

            if (ServiceSourceError(service.Git is not null, service.Image is not null) is { } sourceError)
            {
                problems.Add($"{service.Name}: {sourceError}");
            }
        }

        return problems;
    }
}
