using Redeploy.Core.Hooks;

namespace Redeploy.Core.Readers;

/// <summary>The checks of <see cref="PayloadLimits"/> that readers make while they read.</summary>
internal static class PayloadCaps
{
    /// <summary>Throws before a reader adds one more push to the <paramref name="count"/> it holds, when that would pass the cap.</summary>
    public static void CheckPushCount(int count, string field)
    {
        if (count >= PayloadLimits.MaxPushes)
        {
            throw new PayloadFormatException($"field '{field}': more than {PayloadLimits.MaxPushes} pushes in one delivery");
        }
    }
}
