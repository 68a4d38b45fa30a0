using Redeploy.Core.Hooks;

namespace Redeploy.Core.Readers;

// PLACEHOLDER until the readers land (issue 2).
internal sealed class BitbucketPostReader : IDeliveryReader
{
    public Outcome<Delivery> Read(HookRequest request, ReadOnlySpan<byte> json) => Failure.Malformed("not yet readable");
}
