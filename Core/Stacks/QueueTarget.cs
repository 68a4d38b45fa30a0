namespace Redeploy.Core.Stacks;

/// <summary>The default deployer: one message per job on <c>deployment-jobs</c>.</summary>
public sealed record QueueTarget : DeployerTarget
{
    public const string KindName = "queue";

    public static readonly QueueTarget Instance = new();

    [System.Text.Json.Serialization.JsonIgnore]
    public override string Kind => KindName;

    public override string Describe() => KindName;
}
