// A bare `dotnet new web` app that answers the pages bench/articles.sh saved from the site, byte for byte, from
// memory: the floor for what a cached page can cost. Each page is a folder under the one given as the first
// argument, holding `path` (its URL path), `type` (its Content-Type) and its bodies `identity`, `gzip` and `br`.
// Accept-Encoding is matched as simply as possible ("br" before "gzip"): the bench sends one coding or none.
var pages = new Dictionary<string, Page>(StringComparer.Ordinal);
foreach (var folder in Directory.EnumerateDirectories(args[0]))
{
    string Text(string name) => File.ReadAllText(Path.Combine(folder, name)).Trim();
    byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(folder, name));
    pages[Text("path")] = new Page(Text("type"), Bytes("identity"), Bytes("gzip"), Bytes("br"));
}

var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();

app.Run(context =>
{
    var response = context.Response;
    if (!pages.TryGetValue(context.Request.Path.Value!, out var page))
    {
        response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    var accept = context.Request.Headers.AcceptEncoding.ToString();
    var (coding, body) = accept.Contains("br", StringComparison.Ordinal) ? ("br", page.Brotli)
        : accept.Contains("gzip", StringComparison.Ordinal) ? ("gzip", page.Gzip)
        : (null, page.Identity);
    response.ContentType = page.Type;
    response.ContentLength = body.Length;
    response.Headers.Vary = "Accept-Encoding";
    if (coding is not null)
    {
        response.Headers.ContentEncoding = coding;
    }

    return response.Body.WriteAsync(body).AsTask();
});

app.Run();

internal sealed record Page(string Type, byte[] Identity, byte[] Gzip, byte[] Brotli);
