using Spectre.Console;
using Spectre.Console.Rendering;

namespace Redeploy.Cli.Output;

/// <summary>
/// Where commands write: results on stdout, errors and warnings on stderr. Tables are drawn in a terminal and become
/// tab-separated lines (header first) when the output is redirected, so that scripts can cut them.
/// </summary>
public sealed class CliOutput(TextWriter stdout, TextWriter stderr, bool rich)
{
    private readonly IAnsiConsole? console = rich
        ? AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(stdout) })
        : null;

    public TextWriter Out => stdout;

    public TextWriter Error => stderr;

    public void Line(string text = "") => stdout.WriteLine(text);

    public void Warning(string text) => stderr.WriteLine($"warning: {text}");

    public void Fail(string text) => stderr.WriteLine($"error: {text}");

    /// <summary>Progress and notes for people: stderr, so that stdout stays the result.</summary>
    public void Note(string text) => stderr.WriteLine(text);

    public void Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        if (console is null)
        {
            stdout.WriteLine(string.Join('\t', headers));
            foreach (var row in rows)
            {
                stdout.WriteLine(string.Join('\t', row.Select(cell => cell.ReplaceLineEndings(" ").Replace('\t', ' '))));
            }

            return;
        }

        var table = new Table().Border(TableBorder.Rounded);
        foreach (var header in headers)
        {
            table.AddColumn(new TableColumn(new Text(header, new Style(decoration: Decoration.Bold))));
        }

        foreach (var row in rows)
        {
            table.AddRow(row.Select(cell => (IRenderable)new Text(cell)).ToArray());
        }

        console.Write(table);
    }

    /// <summary>"name: value" lines, aligned in a terminal.</summary>
    public void Fields(IEnumerable<(string Name, string Value)> fields)
    {
        var list = fields.ToList();
        var width = console is null || list.Count == 0 ? 0 : list.Max(f => f.Name.Length) + 1;
        foreach (var (name, value) in list)
        {
            stdout.WriteLine($"{(name + ":").PadRight(width)} {value}");
        }
    }
}
