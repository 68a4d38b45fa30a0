using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Redeploy.Cli.Dev;
using Redeploy.Cli.Plumbing;
using Redeploy.Cli.StackFiles;
using Redeploy.Cli.Tokens;
using Redeploy.Core;
using Redeploy.Core.Security;

namespace Redeploy.Cli.Commands;

/// <summary>
/// <c>redeploy dev</c>: the whole service on this machine. Azurite (the one already on its default ports, or one it starts
/// and stops), the sample stacks, the hook endpoint and queue processing on http://localhost:PORT, and a curl line per stack.
/// </summary>
public static class DevCommand
{
    private const int BlobPort = 10000;
    private const int QueuePort = 10001;
    private const int TablePort = 10002;

    public static Command Create(CliContext context)
    {
        var port = new Option<int>("--port") { Description = "The HTTP port on localhost.", DefaultValueFactory = _ => 7071 };
        var stacks = new Option<string?>("--stacks") { Description = "The stack file to apply (default: samples/stacks.yaml)." };
        var command = new Command(
            "dev",
            "Run Redeploy locally: use the Azurite already listening on 127.0.0.1:10000-10002 or start one (installing it with npm on " +
            "first use, data in .azurite/), apply the sample stacks (or --stacks FILE), serve the hook endpoint and the queue " +
            "processing on http://localhost:PORT, and print each stack's hook URL with a curl line. Ctrl+C stops what it started. " +
            "Always the local emulator, whatever AzureWebJobsStorage says. Tokens of the stacks it applies are kept in " +
            ".azurite/dev-tokens.json; a stack whose token is not known there (nor in the token cache) gets a new one, the old " +
            "one keeping its grace period.")
        {
            port,
            stacks,
        };
        command.SetAction((parse, ct) => RunAsync(context, parse.GetValue(port), parse.GetValue(stacks), ct));
        return command;
    }

    public static async Task<int> RunAsync(CliContext context, int port, string? stacksFile, CancellationToken cancellationToken)
    {
        var repositoryRoot = context.RepositoryRoot ?? NodeTools.FindRepositoryRoot(AppContext.BaseDirectory);
        var file = stacksFile is null ? SampleStacks(repositoryRoot) : context.ResolvePath(stacksFile);
        if (file is null || !File.Exists(file))
        {
            context.Output.Fail($"{stacksFile ?? "samples/stacks.yaml"}: no such file");
            return ExitCodes.Failed;
        }

        var read = StackFileReader.ReadFile(file, stacksFile ?? Path.GetRelativePath(context.WorkingDirectory, file));
        if (!read.Succeeded)
        {
            read.Errors.ToList().ForEach(e => context.Output.Fail(e.ToString()));
            return ExitCodes.Failed;
        }

        AzuriteProcess? azurite = null;
        try
        {
            if (AzuriteProcess.IsListening(QueuePort) && AzuriteProcess.IsListening(TablePort))
            {
                context.Output.Note($"Using the storage emulator already listening on 127.0.0.1:{QueuePort} and {TablePort}.");
            }
            else if (repositoryRoot is null)
            {
                context.Output.Fail("no Azurite on 127.0.0.1:10001/10002, and no Redeploy repository here to install one from: " +
                    "start Azurite yourself (npx azurite), or run `redeploy dev` inside a clone");
                return ExitCodes.StorageUnreachable;
            }
            else
            {
                context.Output.Note("Starting the Azurite storage emulator on 127.0.0.1:10000-10002 (data in .azurite/)...");
                azurite = await AzuriteProcess.StartAsync(
                    repositoryRoot, BlobPort, QueuePort, TablePort, location: Path.Combine(repositoryRoot, ".azurite"), progress: context.Output.Note, cancellationToken: cancellationToken);
            }

            var connection = AzuriteProcess.ConnectionStringFor(BlobPort, QueuePort, TablePort);
            var storage = CliStorage.Open(context, connection, options => options.PublicBaseUrl = $"http://localhost:{port}");
            return await storage.RunAsync(context, () => ServeAsync(context, storage, read, connection, port, cancellationToken), cancellationToken);
        }
        finally
        {
            azurite?.Dispose();
        }
    }

    private static async Task<int> ServeAsync(CliContext context, CliStorage storage, StackFileRead read, string connection, int port, CancellationToken cancellationToken)
    {
        var (applied, errors, warnings) = await new StackApplier(storage.Stacks, context.GetEnvironmentVariable).ApplyAsync(read, cancellationToken);
        warnings.ToList().ForEach(w => context.Output.Warning(w.ToString()));
        errors.ToList().ForEach(e => context.Output.Fail(e.ToString()));
        if (errors.Count > 0)
        {
            return ExitCodes.Failed;
        }

        var urls = new List<(string Stack, string Url)>();
        foreach (var stack in applied)
        {
            var token = stack.NewToken ?? HookTokens.FindCurrent(stack.Stack, [context.DevTokens, context.UserTokens]);
            var saved = stack.Stack;
            if (token is null)
            {
                (saved, token) = StackTokens.Rotate(stack.Stack, context.Time.GetUtcNow(), storage.Options.TokenGracePeriod);
                await storage.Stacks.SaveAsync(saved, stack.Stack, cancellationToken);
                context.Output.Note($"'{saved.Name}' had a hook token unknown here: issued a new one (the old one keeps its grace period).");
            }

            context.DevTokens.Save(saved.Uid, saved.Name, token);
            urls.Add((saved.Name, storage.Options.HookUrl(saved.Uid, token)));
        }

        // The host takes this command's Redeploy settings, all of them, except the public base: it serves this address.
        var publicBase = $"{RedeployOptions.Section}:{nameof(RedeployOptions.PublicBaseUrl)}";
        var settings = context.Configuration.GetSection(RedeployOptions.Section).AsEnumerable()
            .Where(setting => setting.Value is not null && !string.Equals(setting.Key, publicBase, StringComparison.OrdinalIgnoreCase))
            .ToDictionary();
        await using var host = await LocalHost.StartAsync(new LocalHostSettings(connection, port, settings), cancellationToken);
        context.Output.Line($"Redeploy is listening on {storage.Options.PublicBase} (Ctrl+C stops it).");
        foreach (var (stack, url) in urls)
        {
            context.Output.Line();
            context.Output.Line($"{stack}: {url}");
            context.Output.Line($"  curl -X POST {url}");
        }

        try
        {
            await host.WaitForShutdownAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            context.Output.Note("Stopping...");
        }

        return ExitCodes.Ok;
    }

    private static string? SampleStacks(string? repositoryRoot) =>
        new[] { repositoryRoot, AppContext.BaseDirectory }
            .Where(dir => dir is not null)
            .Select(dir => Path.Combine(dir!, "samples", "stacks.yaml"))
            .FirstOrDefault(File.Exists);
}
