namespace Redeploy.Core.Intake;

/// <summary>
/// The Git information a generic call may put in its query string. A signature covers the body only, so where the stack
/// has a webhook secret such a call must name its repository, branch and commit in the body; <c>services</c> stays in the URL.
/// </summary>
internal static class GenericQuery
{
    public const string SignedStackDetail =
        "this stack has a webhook secret: repository, branch and commit must be in the signed body, not in the query string";

    private static readonly string[] GitParameters = ["repository", "branch", "commit"];

    public static bool NamesGitInformation(IReadOnlyDictionary<string, IReadOnlyList<string>> query)
    {
        foreach (var name in GitParameters)
        {
            if (query.TryGetValue(name, out var values) && values.Any(v => !string.IsNullOrWhiteSpace(v)))
            {
                return true;
            }
        }

        return false;
    }
}
