namespace Redeploy.Cli.Plumbing;

/// <summary>What <c>redeploy</c> returns, for scripts.</summary>
public static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Ok = 0;

    /// <summary>The operation failed: not found, invalid file or value, a request that failed, was skipped or timed out.</summary>
    public const int Failed = 1;

    /// <summary>The command line itself is wrong: unknown command or option, missing argument.</summary>
    public const int Usage = 2;

    /// <summary>The storage account (or Azurite) cannot be reached or refused the request.</summary>
    public const int StorageUnreachable = 3;

    public const string Help = "Exit codes: 0 ok, 1 failed / not found / invalid, 2 usage, 3 storage unreachable.";
}
