using System.Text;
using Microsoft.Extensions.Time.Testing;
using Redeploy.Core.Hooks;
using Redeploy.Core.Security;
using Xunit;

namespace Redeploy.Tests.Security;

public sealed class StandardWebhooksTests
{
    // The specification's own example (standard-webhooks README and its reference libraries).
    private const string SpecSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string SpecId = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private const long SpecTimestamp = 1614265330;
    private const string SpecBody = """{"test": 2432232314}""";

    // KEY=$(printf 'MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' | base64 -d | xxd -p | tr -d '\n')
    // printf 'msg_p5jXN8AQM9LWM0D4loKWxJek.1614265330.{"test": 2432232314}' \
    //   | openssl dgst -sha256 -mac HMAC -macopt hexkey:$KEY -binary | base64
    private const string SpecSignature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    // A plain secret (no whsec_ prefix) is used as its UTF-8 bytes:
    private const string PlainSecret = "s3cret";
    private const string Id = "msg_1";
    private const long Timestamp = 1700000000;
    private const string Body = """{"branch":"main"}""";

    // printf 'msg_1.1700000000.{"branch":"main"}' | openssl dgst -sha256 -hmac "s3cret" -binary | base64
    private const string Signature = "v1,w+H+yRhIUTPNYpkOk3T/ClfFSrmbPWrPGLjbSXbRBiE=";

    // printf 'msg_1.1700000000.{"branch":"main"}' | openssl dgst -sha256 -hmac "other" -binary | base64
    private const string OtherSecretSignature = "v1,CKbpvIkDTb8YtqocCNxUPUVraOPRQoq3I+H1B8K4od4=";

    [Fact]
    public void Verify_SpecificationExample_Valid()
    {
        var request = Request(SpecId, SpecTimestamp.ToString(), SpecSignature, SpecBody);

        Assert.Equal(SignatureCheck.Valid, Verify(request, SpecSecret, SpecTimestamp));
    }

    [Fact]
    public void Verify_PlainSecretSignedAsUtf8_Valid()
    {
        Assert.Equal(SignatureCheck.Valid, Verify(Request(Signature), PlainSecret, Timestamp));
    }

    [Fact]
    public void Sign_SpecificationExample_ReturnsPublishedSignature()
    {
        var signature = StandardWebhooks.Sign(
            SpecId, DateTimeOffset.FromUnixTimeSeconds(SpecTimestamp), Encoding.UTF8.GetBytes(SpecBody), SpecSecret);

        Assert.Equal(SpecSignature, signature);
    }

    [Fact]
    public void Sign_PlainSecret_ReturnsOpensslSignature()
    {
        var signature = StandardWebhooks.Sign(
            Id, DateTimeOffset.FromUnixTimeSeconds(Timestamp), Encoding.UTF8.GetBytes(Body), PlainSecret);

        Assert.Equal(Signature, signature);
    }

    [Theory]
    [InlineData(0, SignatureCheck.Valid)]
    [InlineData(299, SignatureCheck.Valid)]
    [InlineData(300, SignatureCheck.Valid)]
    [InlineData(-300, SignatureCheck.Valid)]
    [InlineData(301, SignatureCheck.TimestampOutOfRange)]
    [InlineData(-301, SignatureCheck.TimestampOutOfRange)]
    [InlineData(86_400, SignatureCheck.TimestampOutOfRange)]
    public void Verify_NowOffsetFromTimestamp_ReturnsExpected(long offsetSeconds, SignatureCheck expected)
    {
        Assert.Equal(expected, Verify(Request(Signature), PlainSecret, Timestamp + offsetSeconds));
    }

    [Fact]
    public void Verify_StaleTimestampAndWrongSignature_SignatureMismatch()
    {
        Assert.Equal(SignatureCheck.SignatureMismatch, Verify(Request(OtherSecretSignature), PlainSecret, Timestamp + 3600));
    }

    [Theory]
    [InlineData(Signature + " " + OtherSecretSignature)]
    [InlineData(OtherSecretSignature + " " + Signature)]
    [InlineData("v2,w+H+yRhIUTPNYpkOk3T/ClfFSrmbPWrPGLjbSXbRBiE= " + Signature)]
    [InlineData("v1,!!! " + Signature)]
    [InlineData("v1a,abc  " + Signature)]
    public void Verify_OneOfSeveralEntriesIsRight_Valid(string signature)
    {
        Assert.Equal(SignatureCheck.Valid, Verify(Request(signature), PlainSecret, Timestamp));
    }

    [Theory]
    [InlineData(OtherSecretSignature)]
    [InlineData(OtherSecretSignature + " " + OtherSecretSignature)]
    [InlineData("v2,w+H+yRhIUTPNYpkOk3T/ClfFSrmbPWrPGLjbSXbRBiE=")] // right bytes, version not v1
    [InlineData("V1,w+H+yRhIUTPNYpkOk3T/ClfFSrmbPWrPGLjbSXbRBiE=")]
    [InlineData("w+H+yRhIUTPNYpkOk3T/ClfFSrmbPWrPGLjbSXbRBiE=")] // no version
    [InlineData("v1,")]
    [InlineData("v1,!!!not-base64!!!")]
    [InlineData("v1,w+H+yRhIUTPNYpkOk3T/ClfFSrmbPWrPGLjbSXbRBiE")] // missing padding
    [InlineData("v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==")] // 31 bytes
    [InlineData("v1,w+H+yRhIUTPNYpkOk3T/ClfFSrmbPWrPGLjbSXbRBiEA")] // right bytes and one zero byte more
    public void Verify_NoRightV1Entry_SignatureMismatch(string signature)
    {
        Assert.Equal(SignatureCheck.SignatureMismatch, Verify(Request(signature), PlainSecret, Timestamp));
    }

    [Fact]
    public void Verify_BodyChangedAfterSigning_SignatureMismatch()
    {
        var request = Request(Id, Timestamp.ToString(), Signature, Body + " ");

        Assert.Equal(SignatureCheck.SignatureMismatch, Verify(request, PlainSecret, Timestamp));
    }

    [Theory]
    [InlineData("msg_2", "1700000000")]
    [InlineData(Id, "1700000001")]
    [InlineData(Id, "01700000000")] // signed content is the header as sent
    public void Verify_SignatureMadeForOtherIdOrTimestamp_SignatureMismatch(string id, string timestamp)
    {
        Assert.Equal(SignatureCheck.SignatureMismatch, Verify(Request(id, timestamp, Signature, Body), PlainSecret, Timestamp));
    }

    [Theory]
    [InlineData(null, "1700000000")]
    [InlineData("", "1700000000")]
    [InlineData(Id, null)]
    [InlineData(Id, "")]
    [InlineData(Id, "soon")]
    [InlineData(Id, "-1700000000")]
    [InlineData(Id, "+1700000000")]
    [InlineData(Id, "1700000000.5")]
    [InlineData(Id, "99999999999999999999999")]
    public void Verify_SignatureWithoutUsableIdOrTimestamp_SignatureMismatch(string? id, string? timestamp)
    {
        Assert.Equal(SignatureCheck.SignatureMismatch, Verify(Request(id, timestamp, Signature, Body), PlainSecret, Timestamp));
    }

    [Fact]
    public void Verify_NoHeadersAtAll_MissingSignature()
    {
        Assert.Equal(SignatureCheck.MissingSignature, Verify(SignedRequest.With(Body), PlainSecret, Timestamp));
    }

    [Fact]
    public void Verify_IdAndTimestampWithoutSignature_MissingSignature()
    {
        Assert.Equal(SignatureCheck.MissingSignature, Verify(Request(Id, "1700000000", null, Body), PlainSecret, Timestamp));
    }

    [Fact]
    public void Verify_OtherSecret_SignatureMismatch()
    {
        Assert.Equal(SignatureCheck.SignatureMismatch, Verify(Request(Signature), "other-secret", Timestamp));
    }

    [Fact]
    public void Verify_WhsecSecretUsedAsUtf8ByMistake_SignatureMismatch()
    {
        // printf 'msg_p5jXN8AQM9LWM0D4loKWxJek.1614265330.{"test": 2432232314}' \
        //   | openssl dgst -sha256 -hmac 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' -binary | base64
        var request = Request(SpecId, SpecTimestamp.ToString(), "v1,TcxlhK9b6UD6iVI1ZU2tTqp8PEVfYRseNNfa6b+LcUg=", SpecBody);

        Assert.Equal(SignatureCheck.SignatureMismatch, Verify(request, SpecSecret, SpecTimestamp));
    }

    [Theory]
    [InlineData("whsec_")]
    [InlineData("whsec_!!!not-base64!!!")]
    public void Verify_MalformedWhsecSecret_SignatureMismatch(string secret)
    {
        Assert.Equal(SignatureCheck.SignatureMismatch, Verify(Request(Signature), secret, Timestamp));
    }

    [Fact]
    public void Sign_MalformedWhsecSecret_Throws()
    {
        Assert.Throws<FormatException>(() =>
            StandardWebhooks.Sign(Id, DateTimeOffset.FromUnixTimeSeconds(Timestamp), [], "whsec_!!!"));
    }

    private static SignatureCheck Verify(HookRequest request, string secret, long nowSeconds)
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(nowSeconds));
        return SignatureVerifier.Verify(Sender.Generic, request, secret, time);
    }

    private static HookRequest Request(string signature) => Request(Id, Timestamp.ToString(), signature, Body);

    private static HookRequest Request(string? id, string? timestamp, string? signature, string body)
    {
        var headers = new List<(string, string)>();
        if (id is not null)
        {
            headers.Add((StandardWebhooks.IdHeader, id));
        }

        if (timestamp is not null)
        {
            headers.Add((StandardWebhooks.TimestampHeader, timestamp));
        }

        if (signature is not null)
        {
            headers.Add((StandardWebhooks.SignatureHeader, signature));
        }

        return SignedRequest.With(body, [.. headers]);
    }
}
