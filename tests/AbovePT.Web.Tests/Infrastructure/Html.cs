using AngleSharp;
using AngleSharp.Dom;

namespace AbovePT.Web.Tests.Infrastructure;

/// <summary>Parses responses the way a browser would, so tests assert on what a visitor sees.</summary>
public static class Html
{
    private static readonly IBrowsingContext Context = BrowsingContext.New(Configuration.Default);

    public static async Task<IDocument> ParseAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        return await Context.OpenAsync(request => request.Content(html).Address(response.RequestMessage?.RequestUri ?? new Uri("http://localhost/")));
    }

    /// <summary>Parses markup that did not come over HTTP, such as an e-mail's HTML body.</summary>
    public static Task<IDocument> ParseAsync(string? markup) =>
        Context.OpenAsync(request => request.Content(markup ?? ""));

    public static async Task<IDocument> GetAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        return await ParseAsync(response);
    }
}
