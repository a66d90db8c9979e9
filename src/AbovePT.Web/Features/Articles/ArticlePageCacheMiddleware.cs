using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;

namespace AbovePT.Web.Features.Articles;

/// <summary>Marks an action whose GET and HEAD answers the page cache keeps (<see cref="ArticlePageCache"/>).</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class CachedPageAttribute : Attribute;

/// <summary>
/// Answers GET and HEAD of a <see cref="CachedPageAttribute"/> page from <see cref="ArticlePageCache"/>, and
/// otherwise renders it once, uncompressed, answers with it as rendered and keeps it in every coding (compressed
/// after that answer, see <see cref="StoredPage"/>). Only requests without a query string
/// (nothing here reads one), and the host is not part of the key (pages are built from <c>Site:BaseUrl</c>), so
/// odd URLs or forged Host headers cannot fill the cache.
/// </summary>
/// <remarks>
/// <para>It runs right after the security headers, which are written as the response starts and so go out
/// with every kept page, each with its own CSP nonce. A kept page skips response compression (it is compressed
/// already), the error pages (it is a 200) and the canonical-URL redirect: it is found by its path spelled
/// exactly as when it answered 200, and only the canonical spelling gets that far.</para>
/// <para>Kept pages must not contain anything per-request: no antiforgery token (a response that sets a cookie
/// is never kept) and no CSP nonce. The article views use neither; keep it that way.</para>
/// </remarks>
internal sealed class ArticlePageCacheMiddleware(RequestDelegate next, ArticlePageCache cache, ArticleLibrary library, TimeProvider time)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            || request.QueryString.HasValue
            || context.GetEndpoint()?.Metadata.GetMetadata<CachedPageAttribute>() is null)
        {
            return next(context);
        }

        var path = request.Path.Value!;
        var version = library.Current.Version;
        var now = time.GetUtcNow();
        return cache.Find(path, version, now) is { } page ? AnswerAsync(context, page, now) : RenderOnceAsync(context, path, version);
    }

    /// <summary>A kept page in the coding the request asks for, with how long it has been kept as its Age.</summary>
    private static Task AnswerAsync(HttpContext context, StoredPage page, DateTimeOffset now) =>
        page.WriteAsync(context, AcceptEncoding.Negotiate(context.Request.Headers.AcceptEncoding), now - page.StoredAt);

    private async Task RenderOnceAsync(HttpContext context, string path, string version)
    {
        var mine = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var rendering = cache.BeginRendering(path, mine.Task);
        if (rendering != mine.Task)
        {
            // Another request is rendering this page: answer with what it keeps instead of rendering it again.
            await rendering;
            await (cache.Find(path, version, time.GetUtcNow()) is { } rendered ? AnswerAsync(context, rendered, time.GetUtcNow()) : next(context));
            return;
        }

        try
        {
            // The rendering that ended just before this one began may have kept the page since this request looked.
            await (cache.Find(path, version, time.GetUtcNow()) is { } kept ? AnswerAsync(context, kept, time.GetUtcNow()) : RenderAsync(context, path, version));
        }
        finally
        {
            mine.SetResult();
            cache.EndRendering(path, mine.Task);
        }
    }

    /// <summary>Runs the action into a buffer; keeps the page when it may be kept, and answers the request either way.</summary>
    private async Task RenderAsync(HttpContext context, string path, string version)
    {
        var request = context.Request;
        var response = context.Response;
        var acceptEncoding = request.Headers.AcceptEncoding;
        var body = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        using var buffer = new MemoryStream();
        var capture = new StreamResponseBodyFeature(buffer);
        context.Features.Set<IHttpResponseBodyFeature>(capture);
        // Response compression, further along, would otherwise compress this one rendering for this one client;
        // the page is compressed below instead, once for everyone.
        request.Headers.AcceptEncoding = StringValues.Empty;
        try
        {
            await next(context);
            await capture.CompleteAsync();
        }
        finally
        {
            context.Features.Set(body);
            request.Headers.AcceptEncoding = acceptEncoding;
        }

        if (response.StatusCode != StatusCodes.Status200OK || response.Headers.SetCookie.Count > 0 || response.HasStarted)
        {
            // Not a page to keep (a 404, a 304, a redirect, an error page, a cookie): sent on as it was rendered.
            await response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
            return;
        }

        var page = new StoredPage(version, time.GetUtcNow(), response, buffer.ToArray());
        cache.Store(path, page);
        await page.WriteAsync(context, AcceptEncoding.Negotiate(acceptEncoding), age: null);
    }
}
