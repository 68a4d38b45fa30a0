namespace Redeploy.Core.Hooks;

/// <summary>The one entry for reading a delivery: detects the sender, unwraps form bodies, and runs that sender's reader.</summary>
public static class DeliveryReader
{
    // PLACEHOLDER until the readers land (issue 2): the helper that owns Hooks/ and Readers/ replaces this file.
    public static Outcome<Delivery> Read(HookRequest request) => throw new NotImplementedException();
}
