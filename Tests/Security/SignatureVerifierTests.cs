using System.Text;
using Redeploy.Core.Hooks;
using Redeploy.Core.Security;
using Xunit;

namespace Redeploy.Tests.Security;

public sealed class SignatureVerifierTests
{
    // GitHub's published example (docs "Validating webhook deliveries").
    private const string GitHubSecret = "It's a Secret to Everybody";
    private const string GitHubBody = "Hello, World!";
    private const string GitHubSignature = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    private const string Secret = "s3cret";
    private const string Body = """{"ref":"refs/heads/main"}""";

    // printf '{"ref":"refs/heads/main"}' | openssl dgst -sha256 -hmac "s3cret"
    private const string BodyHex = "232a5e067b6a5aa567ed5a1d21a0dffaf6ef0eeecb6bd9bcf43b3d5ef3fc4f43";

    // The same digest with its last hex digit changed.
    private const string WrongHex = "232a5e067b6a5aa567ed5a1d21a0dffaf6ef0eeecb6bd9bcf43b3d5ef3fc4f44";

    public static TheoryData<Sender> AllSenders() => new(Enum.GetValues<Sender>());

    [Theory]
    [MemberData(nameof(AllSenders))]
    public void Verify_NoSecret_NotRequired(Sender sender)
    {
        var request = SignedRequest.With(Body);

        Assert.Equal(SignatureCheck.NotRequired, SignatureVerifier.Verify(sender, request, null, TimeProvider.System));
        Assert.Equal(SignatureCheck.NotRequired, SignatureVerifier.Verify(sender, request, "", TimeProvider.System));
    }

    [Theory]
    [MemberData(nameof(AllSenders))]
    public void Verify_SecretAndNoSignature_MissingSignature(Sender sender)
    {
        var request = SignedRequest.With(Body, ("Content-Type", "application/json"));

        Assert.Equal(SignatureCheck.MissingSignature, SignatureVerifier.Verify(sender, request, Secret, TimeProvider.System));
    }

    [Fact]
    public void Verify_GitHubPublishedExample_Valid()
    {
        var request = SignedRequest.With(GitHubBody, ("X-Hub-Signature-256", GitHubSignature));

        Assert.Equal(SignatureCheck.Valid, SignatureVerifier.Verify(Sender.GitHub, request, GitHubSecret, TimeProvider.System));
    }

    public static TheoryData<Sender, string, string> ValidSignatures() => new()
    {
        { Sender.GitHub, "X-Hub-Signature-256", "sha256=" + BodyHex },
        { Sender.Gitea, "X-Gitea-Signature", BodyHex },
        { Sender.Forgejo, "X-Forgejo-Signature", BodyHex },
        { Sender.Gogs, "X-Gogs-Signature", BodyHex },
        { Sender.BitbucketCloud, "X-Hub-Signature", "sha256=" + BodyHex },
        { Sender.BitbucketServer, "X-Hub-Signature", "sha256=" + BodyHex },
        { Sender.GitLab, "X-Gitlab-Token", Secret },
        { Sender.AzureDevOps, "Authorization", "Basic dXNlcjpzM2NyZXQ=" }, // printf 'user:s3cret' | base64
        { Sender.AzureDevOps, "X-Redeploy-Secret", Secret },
    };

    [Theory]
    [MemberData(nameof(ValidSignatures))]
    public void Verify_SenderSchemeWithRightSecret_Valid(Sender sender, string header, string value)
    {
        var request = SignedRequest.With(Body, (header, value));

        Assert.Equal(SignatureCheck.Valid, SignatureVerifier.Verify(sender, request, Secret, TimeProvider.System));
    }

    [Theory]
    [MemberData(nameof(ValidSignatures))]
    public void Verify_SenderSchemeWithOtherSecret_SignatureMismatch(Sender sender, string header, string value)
    {
        var request = SignedRequest.With(Body, (header, value));

        Assert.Equal(SignatureCheck.SignatureMismatch, SignatureVerifier.Verify(sender, request, "other", TimeProvider.System));
    }

    [Theory]
    [InlineData(Sender.GitHub, "X-Hub-Signature-256", "sha256=" + BodyHex)]
    [InlineData(Sender.Gitea, "X-Gitea-Signature", BodyHex)]
    [InlineData(Sender.BitbucketCloud, "X-Hub-Signature", "sha256=" + BodyHex)]
    public void Verify_BodyChangedAfterSigning_SignatureMismatch(Sender sender, string header, string value)
    {
        var request = SignedRequest.With(Body + " ", (header, value));

        Assert.Equal(SignatureCheck.SignatureMismatch, SignatureVerifier.Verify(sender, request, Secret, TimeProvider.System));
    }

    [Theory]
    [InlineData(Sender.GitHub, "X-Hub-Signature", "sha1=0123456789abcdef0123456789abcdef01234567")] // legacy sha1 refused
    [InlineData(Sender.GitHub, "X-Hub-Signature", "sha256=" + BodyHex)] // GitHub signs sha256 in X-Hub-Signature-256
    [InlineData(Sender.Gitea, "X-Hub-Signature-256", "sha256=" + BodyHex)]
    [InlineData(Sender.Forgejo, "X-Gitea-Signature", BodyHex)]
    [InlineData(Sender.BitbucketCloud, "X-Hub-Signature-256", "sha256=" + BodyHex)]
    [InlineData(Sender.BitbucketPost, "X-Hub-Signature", "sha256=" + BodyHex)] // cannot sign, whatever it sends
    [InlineData(Sender.GitLab, "X-Redeploy-Secret", Secret)]
    [InlineData(Sender.AzureDevOps, "X-Gitlab-Token", Secret)]
    [InlineData(Sender.Generic, "X-Hub-Signature-256", "sha256=" + BodyHex)]
    public void Verify_SignatureInAnotherSchemesHeader_MissingSignature(Sender sender, string header, string value)
    {
        var request = SignedRequest.With(Body, (header, value));

        Assert.Equal(SignatureCheck.MissingSignature, SignatureVerifier.Verify(sender, request, Secret, TimeProvider.System));
    }

    [Theory]
    [InlineData(null, SignatureCheck.MissingSignature)]
    [InlineData("", SignatureCheck.MissingSignature)]
    [InlineData("   ", SignatureCheck.MissingSignature)]
    [InlineData("sha256=" + BodyHex, SignatureCheck.Valid)]
    [InlineData(" sha256=" + BodyHex + " ", SignatureCheck.Valid)]
    [InlineData("sha256=232A5E067B6A5AA567ED5A1D21A0DFFAF6EF0EEECB6BD9BCF43B3D5EF3FC4F43", SignatureCheck.Valid)]
    [InlineData("SHA256=" + BodyHex, SignatureCheck.Valid)]
    [InlineData("sha256=" + WrongHex, SignatureCheck.SignatureMismatch)]
    [InlineData(BodyHex, SignatureCheck.SignatureMismatch)] // no prefix
    [InlineData("sha1=" + BodyHex, SignatureCheck.SignatureMismatch)]
    [InlineData("sha512=" + BodyHex, SignatureCheck.SignatureMismatch)]
    [InlineData("sha256=", SignatureCheck.SignatureMismatch)]
    [InlineData("sha256=232a5e067b6a5aa567ed5a1d21a0dffaf6ef0eeecb6bd9bcf43b3d5ef3fc4f4", SignatureCheck.SignatureMismatch)] // 63
    [InlineData("sha256=" + BodyHex + "00", SignatureCheck.SignatureMismatch)]
    [InlineData("sha256=zz2a5e067b6a5aa567ed5a1d21a0dffaf6ef0eeecb6bd9bcf43b3d5ef3fc4f43", SignatureCheck.SignatureMismatch)]
    public void Sha256Prefixed_Header_ReturnsExpected(string? header, SignatureCheck expected)
    {
        Assert.Equal(expected, SignatureVerifier.Sha256Prefixed(header, Secret, Encoding.UTF8.GetBytes(Body)));
    }

    [Theory]
    [InlineData(null, SignatureCheck.MissingSignature)]
    [InlineData("", SignatureCheck.MissingSignature)]
    [InlineData(BodyHex, SignatureCheck.Valid)]
    [InlineData("232A5E067B6A5AA567ED5A1D21A0DFFAF6EF0EEECB6BD9BCF43B3D5EF3FC4F43", SignatureCheck.Valid)]
    [InlineData(WrongHex, SignatureCheck.SignatureMismatch)]
    [InlineData("sha256=" + BodyHex, SignatureCheck.SignatureMismatch)] // Gitea's own header carries no prefix
    [InlineData("232a5e067b6a5aa567ed5a1d21a0dffaf6ef0eeecb6bd9bcf43b3d5ef3fc4f", SignatureCheck.SignatureMismatch)]
    [InlineData("g32a5e067b6a5aa567ed5a1d21a0dffaf6ef0eeecb6bd9bcf43b3d5ef3fc4f43", SignatureCheck.SignatureMismatch)]
    public void BareHex_Header_ReturnsExpected(string? header, SignatureCheck expected)
    {
        Assert.Equal(expected, SignatureVerifier.BareHex(header, Secret, Encoding.UTF8.GetBytes(Body)));
    }

    [Theory]
    [InlineData(null, SignatureCheck.MissingSignature)]
    [InlineData("", SignatureCheck.MissingSignature)]
    [InlineData(Secret, SignatureCheck.Valid)]
    [InlineData("s3cre", SignatureCheck.SignatureMismatch)]
    [InlineData("s3cret!", SignatureCheck.SignatureMismatch)]
    [InlineData("S3CRET", SignatureCheck.SignatureMismatch)]
    public void GitLabToken_Header_ReturnsExpected(string? header, SignatureCheck expected)
    {
        Assert.Equal(expected, SignatureVerifier.GitLabToken(header, Secret));
    }

    [Fact]
    public void GitLabToken_NonAsciiSecret_ComparedAsUtf8()
    {
        Assert.Equal(SignatureCheck.Valid, SignatureVerifier.GitLabToken("sécret", "sécret"));
        Assert.Equal(SignatureCheck.SignatureMismatch, SignatureVerifier.GitLabToken("secret", "sécret"));
    }

    [Theory]
    [InlineData(null, null, SignatureCheck.MissingSignature)]
    [InlineData("", "", SignatureCheck.MissingSignature)]
    [InlineData("Basic dXNlcjpzM2NyZXQ=", null, SignatureCheck.Valid)] // user:s3cret
    [InlineData("basic dXNlcjpzM2NyZXQ=", null, SignatureCheck.Valid)]
    [InlineData("Basic OnMzY3JldA==", null, SignatureCheck.Valid)] // :s3cret (no user name)
    [InlineData("Basic dXNlcjp3cm9uZw==", null, SignatureCheck.SignatureMismatch)] // user:wrong
    [InlineData("Basic bm9jb2xvbg==", null, SignatureCheck.SignatureMismatch)] // nocolon
    [InlineData("Basic !!!not-base64!!!", null, SignatureCheck.SignatureMismatch)]
    [InlineData("Basic ", null, SignatureCheck.SignatureMismatch)]
    [InlineData("Bearer s3cret", null, SignatureCheck.SignatureMismatch)]
    [InlineData(null, Secret, SignatureCheck.Valid)]
    [InlineData(null, "wrong", SignatureCheck.SignatureMismatch)]
    [InlineData("Basic dXNlcjp3cm9uZw==", Secret, SignatureCheck.Valid)] // the custom header is the one checked
    [InlineData("Basic dXNlcjpzM2NyZXQ=", "wrong", SignatureCheck.SignatureMismatch)]
    public void AzureDevOps_Headers_ReturnsExpected(string? authorization, string? secretHeader, SignatureCheck expected)
    {
        Assert.Equal(expected, SignatureVerifier.AzureDevOps(authorization, secretHeader, Secret));
    }

    [Fact]
    public void AzureDevOps_PasswordWithColon_SplitsAtFirstColon()
    {
        // printf 'user:s3:cret' | base64
        Assert.Equal(SignatureCheck.Valid, SignatureVerifier.AzureDevOps("Basic dXNlcjpzMzpjcmV0", null, "s3:cret"));
    }

    [Fact]
    public void Verify_SecretLongerThanStackBuffer_StillMatches()
    {
        var secret = new string('k', 1000);
        var gitLab = SignedRequest.With(Body, ("X-Gitlab-Token", secret));

        // python3 -c "import hmac,hashlib;print(hmac.new(b'k'*1000,b'{\"ref\":\"refs/heads/main\"}',hashlib.sha256).hexdigest())"
        var gitea = SignedRequest.With(Body, ("X-Gitea-Signature", "eef477f081dba79c5135b837d1dd490124bee95d38a7c3adfca6a897a29209b7"));

        Assert.Equal(SignatureCheck.Valid, SignatureVerifier.Verify(Sender.GitLab, gitLab, secret, TimeProvider.System));
        Assert.Equal(SignatureCheck.Valid, SignatureVerifier.Verify(Sender.Gitea, gitea, secret, TimeProvider.System));
    }
}
