using Redeploy.Cli.Commands;
using Redeploy.Cli.Plumbing;

// Ctrl+C cancels the running command and waits this long for it to stop what it started (redeploy dev: host, Azurite).
return await RedeployCli.RunAsync(args, CliContext.FromProcess(), terminationTimeout: TimeSpan.FromSeconds(20));
