using AbovePT.Web.Clinic;
using AbovePT.Web.Features.Appointments;
using AbovePT.Web.Features.Articles;
using AbovePT.Web.Features.Inbox;
using AbovePT.Web.Features.Privacy;
using AbovePT.Web.Features.Staff;
using AbovePT.Web.Hosting;
using AbovePT.Web.Hosting.Security;
using AbovePT.Web.Operations;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddSite();
builder.Services.AddSecurity();
builder.Services.AddClinic();
builder.Services.AddPrivacy();
builder.Services.AddArticles();
builder.Services.AddAppointments();
builder.Services.AddStaff();
builder.Services.AddInbox();
builder.Services.AddOperations();
// Last: it takes away a start-up service the registrations above add (docs/quality.md, "Cold start").
builder.Services.LoadKeyRingAfterTheDatabase();

var app = builder.Build();

app.UseSecurity();
app.UseArticles();
app.UseSitePipeline();
app.UseCanonicalUrls();
app.UseAppointments();

app.MapStaticAssets().WithContentLengthOnHead();
app.MapControllers();
app.MapOperations();

// `dotnet AbovePT.Web.dll requests ...`, `staff ...` or `database ...` runs an administrator command instead of the site.
await app.RunSiteOrCommandAsync(args);

/// <summary>Entry point; public so integration tests can start the site with <c>WebApplicationFactory</c>.</summary>
public partial class Program;
