using Redeploy.Core.Hooks;
using Redeploy.Core.Readers;
using Redeploy.Core.Security;

namespace Redeploy.Benchmarks.Micro;

/// <summary>
/// The CPU part of the intake as HookIntake runs it, without storage: tell the sender from the headers, verify the
/// signature over the body (HookIntake computes it as the body streams in; here the body is already there), and only
/// then read the delivery and classify it (a push with pushes to deploy, or something to ignore).
/// </summary>
public static class IntakePath
{
    /// <summary>The number of deployable pushes; negative when the delivery is refused (-2: not authentic, -1: unreadable).</summary>
    public static int ReadVerifyClassify(HookRequest request, string secret)
    {
        var claimed = SenderDetector.ClaimedByHeaders(request.Headers);
        using (var signature = SignatureVerifier.Start(claimed, request.Headers, secret, TimeProvider.System.GetUtcNow()))
        {
            var check = signature.Known;
            if (check is null)
            {
                signature.Append(request.Body.Span);
                check = signature.Finish();
            }

            if (check is not (SignatureCheck.Valid or SignatureCheck.NotRequired))
            {
                return -2;
            }
        }

        var read = DeliveryReader.Read(request);
        if (!read.Succeeded)
        {
            return -1;
        }

        var delivery = read.Value;
        if (delivery.Sender != claimed
            && SignatureVerifier.Verify(delivery.Sender, request, secret, TimeProvider.System) is not (SignatureCheck.Valid or SignatureCheck.NotRequired))
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
