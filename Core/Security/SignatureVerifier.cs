using Redeploy.Core.Hooks;

namespace Redeploy.Core.Security;

/// <summary>Checks a delivery's signature by its sender's scheme (CONTRACT §2, signature column). Never throws, never fails open.</summary>
public static class SignatureVerifier
{
    // PLACEHOLDER until Security/ lands (issue 2).
    public static SignatureCheck Verify(Sender sender, HookRequest request, string? secret, TimeProvider time) =>
        throw new NotImplementedException();
}
