using Redeploy.Core.Hooks;
using Redeploy.Core.Security;

namespace Redeploy.Benchmarks.Micro;

/// <summary>
/// The CPU part of the intake as HookIntake runs it, without storage: read the delivery, verify its signature against
/// the stack's secret, and classify it (a push with pushes to deploy, or something to ignore).
/// </summary>
public static class IntakePath
{
    /// <summary>The number of deployable pushes; negative when the delivery is refused.</summary>
    public static int ReadVerifyClassify(HookRequest request, string secret)
    {
        var read = DeliveryReader.Read(request);
        if (!read.Succeeded)
        {
            return -1;
        }

        var delivery = read.Value;
        if (SignatureVerifier.Verify(delivery.Sender, request, secret, TimeProvider.System) != SignatureCheck.Valid)
        {
            return -2;
        }

        if (delivery.Kind != DeliveryKind.Push)
        {
            return 0;
        }

        var deployable = 0;
        foreach (var push in delivery.Pushes)
        {
            if (!push.Deleted && push.Tag is null)
            {
                deployable++;
            }
        }

        return deployable;
    }
}
