namespace Redeploy.Core.Hooks;

/// <summary>
/// The caps on what one delivery may name (docs/SECURITY.md). A delivery over any of them is a 400 naming the cap: real
/// pushes stay far inside, and every value that is stored or logged stays small whatever a caller sends.
/// </summary>
internal static class PayloadLimits
{
    /// <summary>Pushes (refs changed) in one delivery.</summary>
    public const int MaxPushes = 100;

    /// <summary>Distinct repository URLs one push names (clone, web and SSH addresses of one repository are 3 or 4).</summary>
    public const int MaxRepositoryUrls = 20;

    /// <summary>UTF-8 bytes of a branch or tag name (without refs/heads/ or refs/tags/): what Git hosts themselves accept.</summary>
    public const int MaxRefNameBytes = 255;

    /// <summary>Characters of a delivery id (GitHub's are 36, Azure DevOps' 36, Standard Webhooks' a few dozen).</summary>
    public const int MaxDeliveryIdLength = 200;

    /// <summary>Characters of one repository URL.</summary>
    public const int MaxRepositoryUrlLength = 1_000;
}
