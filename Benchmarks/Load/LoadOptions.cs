namespace Redeploy.Benchmarks.Load;

/// <summary>"--name value" pairs, for the few options of the load commands.</summary>
public sealed class LoadOptions
{
    private readonly Dictionary<string, string> values;

    private LoadOptions(Dictionary<string, string> values) => this.values = values;

    public static LoadOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"expected --name value, got '{args[i]}'");
            }

            values[args[i][2..]] = args[i + 1];
        }

        return new LoadOptions(values);
    }

    public string String(string name, string fallback) => values.GetValueOrDefault(name, fallback);

    public string Required(string name) =>
        values.TryGetValue(name, out var value) ? value : throw new ArgumentException($"--{name} is required");

    public int Int(string name, int fallback) => values.TryGetValue(name, out var value) ? int.Parse(value) : fallback;
}
