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

    /// <summary>
    /// The request queue. Not a setting (its setter is internal, so configuration does not bind it): the trigger listens
    /// to <see cref="QueueNames.Requests"/>. Tests give each run queues of its own.
    /// </summary>
    [Required, RegularExpression("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$")]
    public string RequestQueue { get; internal set; } = QueueNames.Requests;

    [Required, RegularExpression("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$")]
    public string JobQueue { get; set; } = "deployment-jobs";

    /// <summary>How long a rotated-out hook token keeps working.</summary>
    public TimeSpan TokenGracePeriod { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How many requests known queued each instance remembers, to answer a repeated delivery without storage.</summary>
    [Range(0, 1_000_000)]
    public int RecentDeliveries { get; set; } = 10_000;

    /// <summary>How long an instance remembers a request known queued (RecentDeliveries); later repeats ask the table.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan RecentDeliveriesAge { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long the intake keeps a stack definition (and an unknown uid) in memory.</summary>
    public TimeSpan StackCacheDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The Key Vault that <c>keyvault:NAME</c> secrets are read from (e.g. https://kv-abc.vault.azure.net/); none when empty.</summary>
    [Url]
    public string? KeyVaultUri { get; set; }

    /// <summary>How long a secret read from Key Vault is kept in memory: a secret changed in the vault applies within it.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan KeyVaultCacheDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a request may stay queued, not taken on by the processor, before the reconciler sends its message (again):
    /// the intake writes row and message at once without marking the row, so this covers an attempt that died before its
    /// message landed, with the storage client's retries; a backlog longer than this costs one extra message per request.
    /// </summary>
    public TimeSpan InFlightWindow { get; set; } = PipelineTimings.InFlightWindow;

    /// <summary>How long a queued request may sit with its message on the queue, untouched, before the reconciler sends it again.</summary>
    public TimeSpan ResendAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long after it came in the reconciler keeps repairing a request before it marks it failed.</summary>
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long a request is kept once it is no longer queued: the delivery log's history, and the record that answers a
    /// repeated delivery id "duplicate". Older ones are deleted by <see cref="Processing.RequestRetention"/>.
    /// </summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan RequestRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>The table of jobs: one row per job, its stack and the hash of its callback token.</summary>
    [Required, RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    public string JobsTable { get; set; } = "jobs";

    /// <summary>The outbox of deployers called over the network (webhook); not a setting, like <see cref="RequestQueue"/>.</summary>
    [Required, RegularExpression("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$")]
    public string DeliveryQueue { get; internal set; } = QueueNames.Deliveries;

    /// <summary>Where deployers inside Azure may put their reports instead of calling back; not a setting, like <see cref="RequestQueue"/>.</summary>
    [Required, RegularExpression("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$")]
    public string EventQueue { get; internal set; } = QueueNames.DeploymentEvents;

    /// <summary>How long one call to a webhook deployer may take before it counts as not answered.</summary>
    public TimeSpan DeployerTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long, from the first attempt, the outbox keeps trying a deployer before the request fails.</summary>
    public TimeSpan DeliveryWindow { get; set; } = TimeSpan.FromHours(1);

    public string PublicBase => PublicBaseUrl.TrimEnd('/');

    /// <summary>A job's callback URL (CONTRACT §7).</summary>
    public string CallbackUrl(string jobId, string jobToken) => $"{PublicBase}/deployments/{jobId}/{jobToken}/events";

    /// <summary>A stack's hook URL (CONTRACT §1); the status URL of a request adds <c>/requests/{id}</c>.</summary>
    public string HookUrl(string stackUid, string token) => $"{PublicBase}/stacks/redeploy/{stackUid}/{token}";
}
