using System.CommandLine;

namespace Redeploy.Cli.Commands;

/// <summary><c>redeploy settings set -s NAME KEY VALUE</c>.</summary>
public static class SettingsSetCommand
{
    public static Command Create(CliContext context, Option<string?> connection)
    {
        var stack = StackLookup.Option();
        var key = new Argument<string>("KEY") { Description = $"The setting: {string.Join(", ", StackSettings.Known)}." };
        var value = new Argument<string>("VALUE") { Description = "Its value (continuous.deploy: true or false)." };
        var command = new Command("set", $"Set a stack setting. Known settings: {string.Join(", ", StackSettings.Known)}.") { stack, key, value };
        command.SetAction((parse, ct) => RunAsync(
            context, CliStorage.Open(context, parse.GetValue(connection)), parse.GetRequiredValue(stack), parse.GetRequiredValue(key), parse.GetRequiredValue(value), ct));
        return command;
    }

    public static async Task<int> RunAsync(CliContext context, CliStorage storage, string name, string key, string value, CancellationToken cancellationToken)
    {
        // Checked before storage is touched: a wrong key is wrong whatever is stored.
        if (StackSettings.Normalize(key, value, out var error) is not { } normalized)
        {
            context.Output.Fail(error!);
            return ExitCodes.Failed;
        }

        return await storage.RunAsync(context, async () =>
        {
            if (await StackLookup.FindAsync(context, storage, name, cancellationToken) is not { } stack)
            {
                return ExitCodes.Failed;
            }

            var settings = new Dictionary<string, string>(stack.Settings, StringComparer.Ordinal) { [key] = normalized };
            await storage.Stacks.SaveAsync(stack with { Settings = settings }, stack, cancellationToken);
            context.Output.Line($"{stack.Name}: {key} = {normalized}");
            return ExitCodes.Ok;
        }, cancellationToken);
    }
}
