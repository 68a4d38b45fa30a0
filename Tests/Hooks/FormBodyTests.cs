using System.Text;
using Redeploy.Core.Hooks;
using Redeploy.Core.Readers;
using Xunit;

namespace Redeploy.Tests.Hooks;

public sealed class FormBodyTests
{
    [Theory]
    [InlineData("payload=%7B%22a%22%3A1%7D", """{"a":1}""")]
    [InlineData("payload=%7b%22a%22%3a1%7d", """{"a":1}""")]
    [InlineData("payload=a+b%20c", "a b c")]
    [InlineData("other=1&payload=x&payload=second", "x")]
    [InlineData("pay%6Coad=x", "x")]
    [InlineData("payload=", "")]
    [InlineData("payload", "")]
    [InlineData("payload=100%25+sure%", "100% sure%")]
    [InlineData("payload=%zz%4", "%zz%4")]
    [InlineData("payload=%E2%9C%93", "\u2713")]
    public void TryGetPayload_FormWithPayload_DecodesValue(string body, string expected)
    {
        var found = TryGetPayload(Encoding.ASCII.GetBytes(body), out var payload);

        Assert.True(found);
        Assert.Equal(expected, Encoding.UTF8.GetString(payload.Span));
    }

    [Theory]
    [InlineData("")]
    [InlineData("payloads=x")]
    [InlineData("xpayload=x")]
    [InlineData("a=payload&b=payload%3D1")]
    [InlineData("Payload=x")]
    public void TryGetPayload_NoPayloadField_ReturnsFalse(string body)
    {
        Assert.False(TryGetPayload(Encoding.ASCII.GetBytes(body), out var payload));
        Assert.True(payload.IsEmpty);
    }

    [Fact]
    public void TryGetField_OtherName_FindsThatField()
    {
        var body = "a=1&token=s%2Fx"u8;

        Assert.True(FormBody.TryFindField(body, "token"u8, out var field));
        Span<byte> value = stackalloc byte[body.Length];
        Assert.Equal("s/x", Encoding.ASCII.GetString(value[..FormBody.Decode(body[field], value)]));
    }

    [Theory]
    [InlineData("payload=%7B%22a%22%3A1%7D", """{"a":1}""")]
    [InlineData("other=1&payload=a+b%20c%E2%9C%93&x=2", "a b c\u2713")]
    [InlineData("payload=100%25+sure%", "100% sure%")]
    public void Decode_IntoTheBodyItself_GivesTheSameValue(string body, string expected)
    {
        var bytes = Encoding.ASCII.GetBytes(body);
        Assert.True(FormBody.TryFindPayload(bytes, out var field));

        var length = FormBody.Decode(bytes.AsSpan()[field], bytes);

        Assert.Equal(System.Text.RegularExpressions.Regex.Unescape(expected), Encoding.UTF8.GetString(bytes, 0, length));
    }

    /// <summary>The payload decoded into an array of its own, as a caller without a body to spare does.</summary>
    private static bool TryGetPayload(byte[] body, out ReadOnlyMemory<byte> payload)
    {
        if (!FormBody.TryFindPayload(body, out var field))
        {
            payload = ReadOnlyMemory<byte>.Empty;
            return false;
        }

        var decoded = new byte[body.Length];
        payload = decoded.AsMemory(0, FormBody.Decode(body.AsSpan()[field], decoded));
        return true;
    }
}
