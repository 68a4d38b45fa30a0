using System.Security.Cryptography;
using System.Text;

namespace Redeploy.Core.Pages;

/// <summary>
/// The delivery log's one style sheet, inline, and the Content-Security-Policy that allows exactly it by hash: no
/// script, no other style, images only as data: URLs, nothing fetched from anywhere.
/// </summary>
internal static class PageStyle
{
    public const string Css = """
        :root{color-scheme:light dark;--bg:#f5f6f8;--card:#fff;--text:#1d2126;--muted:#5b636e;--line:#d8dce2;--code:#eceff3;--link:#0b57d0;
        --ok:#116329;--ok-bg:#d3f5dc;--run:#0a4fa3;--run-bg:#d7e8fd;--skip:#6b4e00;--skip-bg:#fbeab0;--fail:#a4161a;--fail-bg:#fddad6;--off:#4d5560;--off-bg:#e4e8ed}
        @media (prefers-color-scheme:dark){:root{--bg:#0e1115;--card:#171b21;--text:#e4e7eb;--muted:#99a3ae;--line:#2c333c;--code:#232a33;--link:#8ab8ff;
        --ok:#86e3a3;--ok-bg:#143821;--run:#9cc8ff;--run-bg:#132c4d;--skip:#f0cd6a;--skip-bg:#3b3005;--fail:#ffa198;--fail-bg:#4a1b17;--off:#b3bbc4;--off-bg:#2a313a}}
        *{box-sizing:border-box}
        body{margin:0;background:var(--bg);color:var(--text);font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Liberation Sans",sans-serif}
        header,main,footer{max-width:72rem;margin:0 auto;padding:0 1rem}
        header{padding-top:1.25rem;padding-bottom:.5rem}
        h1{font-size:1.4rem;margin:0;overflow-wrap:anywhere}
        h1 small{font-size:.95rem;font-weight:400;color:var(--muted)}
        header p,footer p{margin:.3rem 0;color:var(--muted);font-size:.9rem}
        a{color:var(--link)}
        code{font:.85em/1.3 ui-monospace,"SFMono-Regular","DejaVu Sans Mono",Menlo,monospace;background:var(--code);border-radius:4px;padding:.05em .35em}
        ol{list-style:none;margin:.5rem 0 0;padding:0}
        .request{--accent:var(--off);--accent-bg:var(--off-bg);background:var(--card);border:1px solid var(--line);border-left:5px solid var(--accent);border-radius:8px;
        padding:.7rem .9rem;margin:0 0 .7rem;display:grid;gap:.4rem 1.25rem;overflow-wrap:anywhere}
        .ok{--accent:var(--ok);--accent-bg:var(--ok-bg)}.run{--accent:var(--run);--accent-bg:var(--run-bg)}
        .skip{--accent:var(--skip);--accent-bg:var(--skip-bg)}.fail{--accent:var(--fail);--accent-bg:var(--fail-bg)}
        .when{display:flex;flex-wrap:wrap;align-items:baseline;gap:.2rem .6rem}
        .status{display:inline-block;font-weight:650;color:var(--accent);background:var(--accent-bg);border-radius:999px;padding:.05rem .6rem;white-space:nowrap}
        .ago{font-weight:600}
        .at,.id,.label{color:var(--muted);font-size:.85rem}
        .what,.outcome{display:grid;gap:.3rem;align-content:start}
        .what p,.outcome p{margin:0}
        .services{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.3rem}
        .services li{border:1px solid var(--line);border-radius:6px;padding:.05rem .45rem}
        .reason{border-left:3px solid var(--accent);padding-left:.5rem}
        .links a{margin-right:.8rem}
        .empty{background:var(--card);border:1px dashed var(--line);border-radius:8px;padding:1.25rem;text-align:center;color:var(--muted)}
        footer{padding-bottom:1.5rem}
        @media (min-width:52rem){.request{grid-template-columns:12rem minmax(0,1fr) minmax(0,1fr)}.when{flex-direction:column;gap:.15rem}}
        """;

    /// <summary>The page's Content-Security-Policy: <c>default-src 'none'</c>, this style sheet by hash, data: images.</summary>
    public static readonly string ContentSecurityPolicy =
        $"default-src 'none'; style-src 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Css)))}'; img-src data:; "
        + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
}
