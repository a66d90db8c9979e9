using AbovePT.Web.Clinic;
using AbovePT.Web.Features.Appointments;
using AbovePT.Web.Features.Articles;
using AbovePT.Web.Features.Privacy;
using AbovePT.Web.Hosting;
using AbovePT.Web.Hosting.Security;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddSite();
builder.Services.AddSecurity();
builder.Services.AddClinic();
builder.Services.AddPrivacy();
builder.Services.AddArticles();
builder.Services.AddAppointments();

var app = builder.Build();

app.UseSecurity();
app.UseSitePipeline();
app.UseArticles();
app.UseAppointments();

app.MapStaticAssets();
app.MapControllers();

app.Run();

/// <summary>Entry point; public so integration tests can start the site with <c>WebApplicationFactory</c>.</summary>
public partial class Program;
