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
        var found = FormBody.TryGetPayload(Encoding.ASCII.GetBytes(body), out var payload);

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
        Assert.False(FormBody.TryGetPayload(Encoding.ASCII.GetBytes(body), out var payload));
        Assert.True(payload.IsEmpty);
    }

    [Fact]
    public void TryGetField_OtherName_FindsThatField()
    {
        Assert.True(FormBody.TryGetField("a=1&token=s%2Fx"u8, "token"u8, out var value));
        Assert.Equal("s/x", Encoding.ASCII.GetString(value.Span));
    }
}
