namespace Redeploy.Core.Security;

/// <summary>Hook tokens and stack uids: 32 lowercase hex characters from a cryptographic RNG; only SHA-256 hashes of tokens are stored.</summary>
public static class HookToken
{
    // PLACEHOLDER until Security/ lands (issue 2).
    public static string New() => throw new NotImplementedException();

    public static string NewStackUid() => throw new NotImplementedException();

    public static bool IsWellFormed(string? value) => throw new NotImplementedException();

    public static string Hash(string token) => throw new NotImplementedException();

    public static void BurnEquivalentWork(string presentedToken) => throw new NotImplementedException();

    public static bool Matches(string presentedToken, IReadOnlyList<string> storedHashes) => throw new NotImplementedException();
}
