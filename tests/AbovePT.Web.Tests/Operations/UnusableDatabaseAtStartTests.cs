using System.Net;
using System.Text.Json;
using AbovePT.Web.Tests.Appointments;
using AbovePT.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace AbovePT.Web.Tests.Operations;

/// <summary>
/// A database file that cannot be used when the site starts (overwritten, corrupt) must not take the articles
/// down with it: every page that needs no database serves, the appointment pages answer the 503 page with both
/// clinics' numbers, <c>/healthz</c> is Unhealthy, the log says it once, and fixing the file is enough.
/// </summary>
public sealed class UnusableDatabaseAtStartTests
{
    [Fact]
    public async Task CorruptFileAtStart_ServesEveryOtherPage_Answers503ForTheForm_ThenRecoversWhenFixed()
    {
        using var site = new AppointmentSite(null);
        site.WithSetting("Database:RecheckSeconds", "1");
        var file = Path.Combine(site.DataDirectory, "clinic.db");
        await File.WriteAllTextAsync(file, new string('x', 8192));
        var client = site.CreateClient();

        foreach (var page in new[] { "/", "/articles", "/articles/knee-pain-after-running", "/privacy", "/sitemap.xml" })
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(page)).StatusCode);
        }

        var form = await client.GetAsync("/appointments/request");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, form.StatusCode);
        var unavailable = await Html.ParseAsync(form);
        Assert.NotNull(unavailable.QuerySelector("main a[href='tel:+14809871870']"));
        Assert.NotNull(unavailable.QuerySelector("main a[href='tel:+16028662231']"));
        var post = await client.PostAsync("/appointments/request", new FormUrlEncodedContent([new("FirstName", "Jane")]));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, post.StatusCode);

        // A monitor polls /healthz: each answer says what is wrong, the log only once.
        for (var probe = 0; probe < 3; probe++)
        {
            var health = await client.GetAsync("/healthz");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
            using var body = JsonDocument.Parse(await health.Content.ReadAsStringAsync());
            Assert.Equal("Unhealthy", body.RootElement.GetProperty("status").GetString());
        }

        // Said once, plainly, and no stack trace anywhere at Error level for this expected state.
        Assert.Single(site.OperatorLogs.Entries, e => e.Level >= LogLevel.Warning && e.Message.Contains("cannot be used", StringComparison.Ordinal));
        var said = Assert.Single(site.Logs.Entries, IsAboutTheDatabase);
        Assert.Equal(LogLevel.Critical, said.Level);
        Assert.Contains(file, said.Message, StringComparison.Ordinal);
        Assert.Contains("not a usable SQLite database", said.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(site.Logs.Entries, e => e.Level >= LogLevel.Error && e.Exception is not null);

        // The administrator moves the broken file aside; the site creates and migrates a new one by itself.
        SqliteConnection.ClearAllPools();
        File.Move(file, file + ".broken");
        await Eventually.AssertAsync(
            async () => (await client.GetAsync("/appointments/request")).StatusCode == HttpStatusCode.OK,
            "the form opens again once the file is fixed");

        var stored = await site.Browser().RequestAsync("phoenix");
        Assert.Equal(HttpStatusCode.SeeOther, stored.StatusCode);
        Assert.Single(await site.RequestsAsync());
        Assert.Contains("Healthy", await client.GetStringAsync("/healthz"), StringComparison.Ordinal);
        Assert.Single(site.Logs.Entries, IsAboutTheDatabase);
        Assert.Contains(site.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("usable again", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CorruptFileAtStart_TheSpanishForm_AnswersTheSpanish503WithBothClinicsNumbers()
    {
        using var site = new AppointmentSite(null);
        await File.WriteAllTextAsync(Path.Combine(site.DataDirectory, "clinic.db"), new string('x', 8192));
        var client = site.CreateClient();

        var form = await client.GetAsync("/es/citas/solicitar?location=phoenix");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, form.StatusCode);
        var page = await Html.ParseAsync(form);
        Assert.Equal("es", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Por ahora no podemos recibir solicitudes en línea", page.QuerySelector("h1")?.TextContent.Trim());
        Assert.Contains("Por favor, llame a la clínica", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("main a[href='tel:+14809871870']"));
        Assert.NotNull(page.QuerySelector("main a[href='tel:+16028662231']"));
    }

    private static bool IsAboutTheDatabase(LogCapture.LogEntry entry) =>
        entry.Level >= LogLevel.Error && entry.Category.EndsWith("DatabaseMonitor", StringComparison.Ordinal);
}
