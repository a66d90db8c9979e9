// A bare `dotnet new web` app that answers the pages bench/articles.sh saved from the site, byte for byte, from
// memory: the floor for what a kept page can cost. Each page is a folder under the one given as the first
// argument, holding `path` (its URL path) and, per coding (`identity`, `gzip`, `br`), the body and the headers
// the site sent with it (`<coding>.headers`, replayed as they were but for Date and Content-Length, which
// Kestrel writes), so both sides put the same bytes on the wire. Routed with MapGet, as `dotnet new web` is.
// Accept-Encoding is matched as simply as possible ("br" before "gzip"): the bench sends one coding or none.
var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();

foreach (var folder in Directory.EnumerateDirectories(args[0]))
{
    var page = new Page(Coding("identity"), Coding("gzip"), Coding("br"));
    app.MapGet(File.ReadAllText(Path.Combine(folder, "path")).Trim(), (HttpContext context) => page.WriteAsync(context));

    Response Coding(string name) => new(
        [.. File.ReadAllLines(Path.Combine(folder, name + ".headers"))
            .Select(line => line.Split(": ", 2))
            .Where(header => header.Length == 2 && !IsKestrels(header[0]))
            .Select(header => KeyValuePair.Create(header[0], header[1]))],
        File.ReadAllBytes(Path.Combine(folder, name)));
}

app.Run();

static bool IsKestrels(string name) =>
    name.Equals("Date", StringComparison.OrdinalIgnoreCase)
    || name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)
    || name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase)
    || name.Equals("Server", StringComparison.OrdinalIgnoreCase);

internal sealed record Response(KeyValuePair<string, string>[] Headers, byte[] Body);

internal sealed record Page(Response Identity, Response Gzip, Response Brotli)
{
    public Task WriteAsync(HttpContext context)
    {
        var accept = context.Request.Headers.AcceptEncoding.ToString();
        var chosen = accept.Contains("br", StringComparison.Ordinal) ? Brotli
            : accept.Contains("gzip", StringComparison.Ordinal) ? Gzip
            : Identity;
        var response = context.Response;
        foreach (var (name, value) in chosen.Headers)
        {
            response.Headers[name] = value;
        }

        response.ContentLength = chosen.Body.Length;
        return response.Body.WriteAsync(chosen.Body).AsTask();
    }
}
