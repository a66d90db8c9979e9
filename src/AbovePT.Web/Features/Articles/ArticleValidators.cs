using System.Security.Cryptography;
using System.Text;
using AbovePT.Web.Clinic;
using AbovePT.Web.Hosting;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.Net.Http.Headers;

namespace AbovePT.Web.Features.Articles;

/// <summary>
/// <c>ETag</c> and <c>Last-Modified</c> for the pages built from articles (an article, the list, the feed,
/// the sitemap), so a browser, proxy or feed reader holding a copy asks "changed?" and gets a bodiless 304,
/// whether or not the page is in the page cache (which answers for the pages it keeps by the same rule).
/// </summary>
/// <remarks>
/// The ETag is a hash of what such a page is made of: its articles' source files, the build (code and views
/// are the web assembly, whose MVID changes with them; the stylesheet's hash is in the page), and the settings
/// the pages show (<c>Clinic</c>, <c>Site</c>). So it is the same after a restart and on every instance, and
/// changes with any of those; the snapshot's version would change on every restart. Weak, because
/// compression sends other bytes for each encoding. <c>Last-Modified</c> is the newest article date, midnight
/// in Arizona; it cannot see a redeploy, which is why If-None-Match, when sent, decides alone.
/// </remarks>
public sealed class ArticleValidators(IConfiguration configuration, EndpointDataSource endpoints, TimeProvider time)
{
    private readonly Lazy<string> _build = new(() => BuildFingerprint(configuration, endpoints));

    /// <summary>
    /// Puts the validators of a page made from <paramref name="articles"/> on the response, and says whether
    /// the request's If-None-Match (or, without one, If-Modified-Since) shows the client has that page already.
    /// </summary>
    public bool IsNotModified(HttpContext context, IReadOnlyCollection<Article> articles) =>
        IsNotModified(context, articles, articles);

    /// <summary>
    /// The same for an article's page, which also links to its <paramref name="twin"/> in the other language: the
    /// ETag changes when the twin comes, goes or changes, while Last-Modified stays the article's own date (a twin's
    /// arrival is not a change to this article's content, and If-None-Match decides alone when sent).
    /// </summary>
    public bool IsNotModified(HttpContext context, Article article, Article? twin) =>
        IsNotModified(context, twin is null ? [article] : [article, twin], [article]);

    private bool IsNotModified(HttpContext context, IReadOnlyCollection<Article> madeOf, IReadOnlyCollection<Article> dated)
    {
        var etag = ETag(madeOf);
        var lastModified = LastModified(dated);
        var response = context.Response.GetTypedHeaders();
        response.ETag = etag;
        response.LastModified = lastModified;

        return IsNotModified(context.Request, etag, lastModified);
    }

    /// <summary>
    /// Whether the request's If-None-Match (or, without one, If-Modified-Since) shows the client has the page with
    /// these validators already; the page cache asks it of the pages it keeps.
    /// </summary>
    public static bool IsNotModified(HttpRequest request, EntityTagHeaderValue? etag, DateTimeOffset? lastModified)
    {
        var conditions = request.GetTypedHeaders();
        if (conditions.IfNoneMatch.Count > 0)
        {
            return etag is not null && conditions.IfNoneMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(etag, useStrongComparison: false));
        }

        return lastModified is { } modified && conditions.IfModifiedSince is { } since && modified <= since;
    }

    private EntityTagHeaderValue ETag(IReadOnlyCollection<Article> articles)
    {
        var source = new StringBuilder(_build.Value);
        foreach (var article in articles)
        {
            source.Append('\n').Append(article.SourceHash);
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(source.ToString()));
        return new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(hash.AsSpan(0, 16))}\"", isWeak: true);
    }

    private DateTimeOffset? LastModified(IReadOnlyCollection<Article> articles)
    {
        if (articles.Count == 0)
        {
            return null;
        }

        var newest = ArizonaTime.StartOfDay(articles.Max(a => a.LastModified));
        // A server may not claim a change later than now (RFC 9110 §8.8.2.1), and HTTP dates have whole seconds.
        var now = time.GetUtcNow();
        return newest <= now ? newest : now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));
    }

    private static string BuildFingerprint(IConfiguration configuration, EndpointDataSource endpoints)
    {
        var build = new StringBuilder();
        build.Append(typeof(ArticleValidators).Assembly.ManifestModule.ModuleVersionId);
        var assetTags = endpoints.Endpoints
            .SelectMany(e => e.Metadata.OfType<StaticAssetDescriptor>())
            .SelectMany(d => d.ResponseHeaders)
            .Where(h => string.Equals(h.Name, HeaderNames.ETag, StringComparison.OrdinalIgnoreCase))
            .Select(h => h.Value)
            .Distinct()
            .Order(StringComparer.Ordinal);
        foreach (var tag in assetTags)
        {
            build.Append('\n').Append(tag);
        }

        var settings = configuration.GetSection(ClinicOptions.Section).AsEnumerable()
            .Concat(configuration.GetSection(SiteOptions.Section).AsEnumerable())
            .OrderBy(setting => setting.Key, StringComparer.Ordinal);
        foreach (var (key, value) in settings)
        {
            build.Append('\n').Append(key).Append('=').Append(value);
        }

        return build.ToString();
    }
}
