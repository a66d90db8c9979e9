// `dotnet new web`, with a small HTML page instead of plain text, so both sides of bench/coldstart.sh answer a page.
var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();

app.MapGet("/", () => Results.Content(
    "<!doctype html><html lang=\"en\"><title>Hello</title><h1>Hello World!</h1></html>", "text/html; charset=utf-8"));

app.Run();
