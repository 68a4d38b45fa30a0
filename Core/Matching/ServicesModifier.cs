using Redeploy.Core.Stacks;

namespace Redeploy.Core.Matching;

/// <summary>The <c>services</c> query parameter: the services that deploy whenever a deployment happens (CONTRACT §1, §4).</summary>
/// <param name="Names">Service names, without duplicates, in the order the request gave them.</param>
internal sealed record ServicesModifier(IReadOnlyList<string> Names)
{
    /// <summary>How many names of the stack a failure lists before it counts the rest.</summary>
    private const int ListedStackServices = 20;

    /// <summary>
    /// Reads every <c>services</c> value of a request: names split on commas, spaces around them trimmed, empty ones
    /// dropped, duplicates collapsed (first one kept); names are case-sensitive. Null when no name is given.
    /// </summary>
    public static Outcome<ServicesModifier?> Parse(IReadOnlyList<string> rawValues, Stack stack)
    {
        var names = SplitNames(rawValues);
        if (stack.Kind == StackKind.Classic && rawValues.Count > 0)
        {
            return new Failure(
                FailureKind.UnknownServices,
                "a Classic stack deploys as one unit: the services modifier does not apply",
                names);
        }

        if (names.Count == 0)
        {
            return Outcome<ServicesModifier?>.Success(null);
        }

        List<string>? unknown = null;
        foreach (var name in names)
        {
            if (stack.FindService(name) is null)
            {
                (unknown ??= []).Add(name);
            }
        }

        return unknown is null
            ? Outcome<ServicesModifier?>.Success(new ServicesModifier(names))
            : new Failure(FailureKind.UnknownServices, DescribeUnknown(unknown, stack), unknown);
    }

    /// <summary>True when <paramref name="name"/> is one of <see cref="Names"/> (ordinal).</summary>
    public bool Contains(string name)
    {
        for (var i = 0; i < Names.Count; i++)
        {
            if (string.Equals(Names[i], name, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static List<string> SplitNames(IReadOnlyList<string> rawValues)
    {
        var names = new List<string>();
        foreach (var raw in rawValues)
        {
            if (string.IsNullOrEmpty(raw))
            {
                continue;
            }

            foreach (var range in raw.AsSpan().Split(','))
            {
                var name = raw.AsSpan(range).Trim();
                if (!name.IsEmpty && !ContainsName(names, name))
                {
                    names.Add(name.ToString());
                }
            }
        }

        return names;
    }

    private static bool ContainsName(List<string> names, ReadOnlySpan<char> name)
    {
        foreach (var existing in names)
        {
            if (name.SequenceEqual(existing))
            {
                return true;
            }
        }

        return false;
    }

    private static string DescribeUnknown(List<string> unknown, Stack stack)
    {
        var known = stack.Services.Take(ListedStackServices).Select(s => s.Name).ToList();
        var more = stack.Services.Count - known.Count;
        var services = known.Count == 0 ? "no services" : string.Join(", ", known) + (more > 0 ? $" and {more} more" : string.Empty);
        var caseHint = unknown.Any(n => stack.Services.Any(s => string.Equals(s.Name, n, StringComparison.OrdinalIgnoreCase)))
            ? " (service names are case-sensitive)"
            : string.Empty;
        var label = unknown.Count == 1 ? "unknown service" : "unknown services";
        return $"{label} {string.Join(", ", unknown)}{caseHint}: the stack {stack.Name} has {services}";
    }
}
