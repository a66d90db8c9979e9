using AbovePT.Web.Clinic;
using AbovePT.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddSite();
builder.Services.AddClinic();

var app = builder.Build();

app.UseSitePipeline();

app.MapStaticAssets();
app.MapControllers();

app.Run();

/// <summary>Entry point; public so integration tests can start the site with <c>WebApplicationFactory</c>.</summary>
public partial class Program;
