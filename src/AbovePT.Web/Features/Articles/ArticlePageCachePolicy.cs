using AbovePT.Web.Hosting.Security;
using Microsoft.AspNetCore.OutputCaching;

namespace AbovePT.Web.Features.Articles;

/// <summary>
/// Keeps each article page, the list and the feeds as finished bytes, so a request costs about what
/// sending a static file costs (bench/articles.sh). Entries are keyed by the snapshot's version: the
/// moment a file change swaps the snapshot, no earlier page can be served again. Only plain GETs without
/// a query string are cached (nothing here reads one), and the host is not part of the key (pages are
/// built from Site:BaseUrl), so odd URLs or forged Host headers cannot fill the cache.
/// </summary>
/// <remarks>
/// Cached pages must not contain anything per-request: no antiforgery token (responses that set a cookie
/// are never stored) and no CSP nonce. The article views use neither; keep it that way.
/// </remarks>
internal sealed class ArticlePageCachePolicy(ArticleLibrary library) : IOutputCachePolicy
{
    public const string Name = "Articles";

    public const string Tag = "articles";

    /// <summary>
    /// No longer than the pages tell browsers and proxies they may keep them (<c>max-age</c>): a replayed page
    /// carries the time it was kept here as <c>Age</c>, which every downstream cache counts against that
    /// <c>max-age</c>. File changes apply at once anyway.
    /// </summary>
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(CacheProfiles.PublicPageSeconds);

    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var request = context.HttpContext.Request;
        var cacheable = HttpMethods.IsGet(request.Method) && !request.QueryString.HasValue;
        context.EnableOutputCaching = true;
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        context.AllowLocking = true;
        context.ResponseExpirationTimeSpan = Lifetime;
        context.CacheVaryByRules.VaryByHost = false;
        context.CacheVaryByRules.VaryByValues["articles-version"] = library.Current.Version;
        context.Tags.Add(Tag);
        return ValueTask.CompletedTask;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var response = context.HttpContext.Response;
        if (response.StatusCode != StatusCodes.Status200OK || response.Headers.SetCookie.Count > 0)
        {
            context.AllowCacheStorage = false;
        }

        return ValueTask.CompletedTask;
    }
}
