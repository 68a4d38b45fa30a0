using Redeploy.Core.Pages;

namespace Redeploy.Tests.Pages;

public sealed class AcceptHeaderTests
{
    [Theory]
    [InlineData("text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8")] // Chrome, Firefox
    [InlineData("text/html")]
    [InlineData("TEXT/HTML; charset=utf-8")]
    [InlineData("application/json, text/html;q=0.1")]
    public void NamesHtml_AcceptListingTextHtml_IsTrue(string accept) => Assert.True(AcceptHeader.NamesHtml(accept));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("*/*")] // curl, most HTTP clients
    [InlineData("text/*")]
    [InlineData("application/json")]
    [InlineData("text/html;q=0, */*")]
    [InlineData("text/htmlx")]
    public void NamesHtml_AcceptWithoutTextHtml_IsFalse(string? accept) => Assert.False(AcceptHeader.NamesHtml(accept));
}
