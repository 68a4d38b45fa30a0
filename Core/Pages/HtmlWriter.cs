using System.Text;

namespace Redeploy.Core.Pages;

/// <summary>
/// Writes HTML where text is always escaped: element names and attribute names are the page's own constants, and every
/// value goes through <see cref="Text"/> or an attribute. A link is written only for an absolute http(s) address.
/// </summary>
internal sealed class HtmlWriter
{
    private readonly StringBuilder html = new(16 * 1024);

    /// <summary>Markup written by the page itself (the document frame, the style sheet), never a value from a request.</summary>
    public HtmlWriter Raw(string markup)
    {
        html.Append(markup);
        return this;
    }

    public HtmlWriter Open(string element, string? cssClass = null)
    {
        html.Append('<').Append(element);
        if (cssClass is not null)
        {
            Attribute("class", cssClass);
        }

        html.Append('>');
        return this;
    }

    public HtmlWriter Open(string element, string attribute, string value)
    {
        html.Append('<').Append(element);
        Attribute(attribute, value);
        html.Append('>');
        return this;
    }

    public HtmlWriter Close(string element)
    {
        html.Append("</").Append(element).Append('>');
        return this;
    }

    public HtmlWriter Element(string element, string? cssClass, string? text) => Open(element, cssClass).Text(text).Close(element);

    public HtmlWriter Text(string? text)
    {
        Escape(text);
        return this;
    }

    /// <summary>A link to <paramref name="href"/> when it is an absolute http(s) address; the text alone otherwise.</summary>
    public HtmlWriter Link(string? href, string text, string? cssClass = null)
    {
        if (!IsWebAddress(href))
        {
            return cssClass is null ? Text(text) : Element("span", cssClass, text);
        }

        html.Append("<a");
        Attribute("href", href!);
        if (cssClass is not null)
        {
            Attribute("class", cssClass);
        }

        html.Append(" rel=\"noreferrer noopener\">");
        return Text(text).Close("a");
    }

    public HtmlWriter Time(DateTimeOffset at, string text, string title)
    {
        html.Append("<time");
        Attribute("datetime", at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture));
        Attribute("title", title);
        html.Append('>');
        return Text(text).Close("time");
    }

    public static bool IsWebAddress(string? href) =>
        Uri.TryCreate(href, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    public override string ToString() => html.ToString();

    private void Attribute(string name, string value)
    {
        html.Append(' ').Append(name).Append("=\"");
        Escape(value);
        html.Append('"');
    }

    private void Escape(string? text)
    {
        foreach (var c in text ?? string.Empty)
        {
            switch (c)
            {
                case '&': html.Append("&amp;"); break;
                case '<': html.Append("&lt;"); break;
                case '>': html.Append("&gt;"); break;
                case '"': html.Append("&quot;"); break;
                case '\'': html.Append("&#39;"); break;
                case < ' ' and not '\n' and not '\t': html.Append('\uFFFD'); break;
                default: html.Append(c); break;
            }
        }
    }
}
