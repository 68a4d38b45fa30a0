using System.CommandLine;
using Redeploy.Cli.Plumbing;
using Redeploy.Core.Stacks;
using Redeploy.Core.Storage;

namespace Redeploy.Cli.Commands;

/// <summary><c>redeploy stacks show NAME</c>: one stack as stored, never its secret or token hashes.</summary>
public static class StacksShowCommand
{
    public static Command Create(CliContext context, Option<string?> connection)
    {
        var name = new Argument<string>("NAME") { Description = "The stack's name." };
        var command = new Command("show", "One stack as stored: kind, Git source, deploy rule, services, secret set or not, tokens, settings.") { name };
        command.SetAction((parse, ct) => RunAsync(context, CliStorage.Open(context, parse.GetValue(connection)), parse.GetRequiredValue(name), ct));
        return command;
    }

    public static Task<int> RunAsync(CliContext context, CliStorage storage, string name, CancellationToken cancellationToken) =>
        storage.RunAsync(context, async () =>
        {
            if (await StackLookup.FindAsync(context, storage, name, cancellationToken) is not { } stack)
            {
                return ExitCodes.Failed;
            }

            var fields = new List<(string, string)>
            {
                ("stack", stack.Name),
                ("uid", stack.Uid),
                ("kind", stack.Definition.Kind.ToString().ToLowerInvariant()),
            };
            if (stack.Definition.Git is { } git)
            {
                fields.Add(("git", $"{git.Repository} {git.Branch}"));
            }

            fields.Add(("deploy", stack.Definition.Deploy.Describe()));
            fields.Add(("secret", stack.DescribeWebhookSecret()));
            fields.Add(("deployer", stack.Deployer.Describe()));
            fields.Add(("tokens", DescribeTokens(stack, context.Time.GetUtcNow())));
            fields.AddRange(StackSettings.Known.Select(key => (key, StackSettings.Describe(stack.Settings, stack.Name, key))));
            context.Output.Fields(fields);
            if (stack.Definition.Services.Count > 0)
            {
                context.Output.Line();
                context.Output.Table(
                    ["service", "source"],
                    stack.Definition.Services.Select(s => (IReadOnlyList<string>)[s.Name, s.Git is { } g ? $"{g.Repository} {g.Branch}" : $"image {s.Image}"]));
            }

            return ExitCodes.Ok;
        }, cancellationToken);

    private static string DescribeTokens(StoredStack stack, DateTimeOffset now)
    {
        var current = stack.Tokens.Count(t => t.ExpiresAt is null);
        var expiring = stack.Tokens.Where(t => t.ExpiresAt is { } at && at > now).Select(t => t.ExpiresAt!.Value).ToList();
        var text = $"{current} current";
        return expiring.Count == 0 ? text : $"{text}, {expiring.Count} rotated out, valid until {string.Join(", ", expiring.Select(at => at.ToString("u")))}";
    }
}
