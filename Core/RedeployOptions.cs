using System.ComponentModel.DataAnnotations;

namespace Redeploy.Core;

/// <summary>Settings of the section <c>Redeploy</c> (environment <c>Redeploy__Name</c>).</summary>
public sealed class RedeployOptions
{
    public const string Section = "Redeploy";

    /// <summary>The address printed in hook URLs and status URLs.</summary>
    [Required]
    public string PublicBaseUrl { get; set; } = "http://localhost:7071";

    /// <summary>The largest body the hook endpoint reads; larger ones get 413.</summary>
    [Range(1024, 100 * 1024 * 1024)]
    public long MaxPayloadBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>The bytes of request bodies one instance holds in memory at once; past it, large bodies get 503 (BodyBudget).</summary>
    [Range(1024 * 1024, long.MaxValue)]
    public long MaxBufferedBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>How long the body of a hook call may take to arrive; past it, 408.</summary>
    public TimeSpan BodyReadTimeout { get; set; } = TimeSpan.FromSeconds(10);

    [Required, RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    public string StacksTable { get; set; } = "stacks";

    [Required, RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    public string RequestsTable { get; set; } = "requests";

    [Required, RegularExpression("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$")]
    public string RequestQueue { get; set; } = "redeploy-requests";

    [Required, RegularExpression("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$")]
    public string JobQueue { get; set; } = "deployment-jobs";

    /// <summary>How long a rotated-out hook token keeps working.</summary>
    public TimeSpan TokenGracePeriod { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long the intake keeps a stack definition (and an unknown uid) in memory.</summary>
    public TimeSpan StackCacheDuration { get; set; } = TimeSpan.FromSeconds(10);

    public string PublicBase => PublicBaseUrl.TrimEnd('/');

    /// <summary>A stack's hook URL (CONTRACT §1); the status URL of a request adds <c>/requests/{id}</c>.</summary>
    public string HookUrl(string stackUid, string token) => $"{PublicBase}/stacks/redeploy/{stackUid}/{token}";
}
