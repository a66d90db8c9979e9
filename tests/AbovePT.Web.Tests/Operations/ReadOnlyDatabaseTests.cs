using System.Net;
using System.Text.Json;
using AbovePT.Web.Tests.Appointments;
using AbovePT.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace AbovePT.Web.Tests.Operations;

/// <summary>
/// A database the site can read but not write (a file left read-only by a restore, a disk remounted
/// read-only): SQLite opened read-only gives the same "attempt to write a readonly database" as a
/// read-only file does, without depending on who runs the tests (root ignores file permissions).
/// </summary>
public sealed class ReadOnlyDatabaseTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("abovept-readonly-").FullName;

    private string DatabasePath => Path.Combine(_folder, "clinic.db");

    [Fact]
    public async Task Submit_WhenDatabaseIsReadOnly_Shows503PageStoresNothingAndHealthIsUnhealthy()
    {
        await StoreOneRequestAsync();
        var (form, cookie) = await OpenFormOnWritableSiteAsync();
        using var site = Site("Mode=ReadOnly");
        using var post = new HttpRequestMessage(HttpMethod.Post, form.Action) { Content = new FormUrlEncodedContent(form.Fields) };
        post.Headers.Add("Cookie", cookie);

        var response = await site.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false }).SendAsync(post);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        var page = await Html.ParseAsync(response);
        Assert.Equal("We can't take requests online right now", page.QuerySelector("h1")?.TextContent);
        Assert.Contains("your request was not saved", page.QuerySelector("main")!.TextContent);
        Assert.NotNull(page.QuerySelector("main a[href='tel:+14809871870']"));
        Assert.Equal(1, await CountRowsAsync());

        var health = await site.CreateClient().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        using var body = JsonDocument.Parse(await health.Content.ReadAsStringAsync());
        Assert.Equal("Unhealthy", body.RootElement.GetProperty("status").GetString());
        Assert.Contains("read-only", body.RootElement.GetProperty("description").GetString());
    }

    [Fact]
    public async Task Form_WhenDatabaseIsReadOnly_AnswersThe503PageWithBothClinicsNumbers()
    {
        await StoreOneRequestAsync();
        using var site = Site("Mode=ReadOnly");

        var response = await site.CreateClient().GetAsync("/appointments/request");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Equal("We can't take requests online right now", page.QuerySelector("h1")?.TextContent);
        Assert.NotNull(page.QuerySelector("main a[href='tel:+14809871870']"));
        Assert.NotNull(page.QuerySelector("main a[href='tel:+16028662231']"));
        Assert.Null(page.QuerySelector("form.appt-form"));
    }

    private async Task StoreOneRequestAsync()
    {
        using var site = Site();
        var response = await site.Browser().RequestAsync("phoenix");
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
    }

    /// <summary>A form a patient opened while the site could still store it (the database broke after).</summary>
    private async Task<(FilledForm Form, string Cookie)> OpenFormOnWritableSiteAsync()
    {
        using var site = Site();
        var response = await site.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false }).GetAsync("/appointments/request");
        var cookie = string.Join("; ", response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        return (FilledForm.From(await Html.ParseAsync(response)).FillValid("queen-creek"), cookie);
    }

    /// <summary>A site on this test's database file, opened with the extra connection-string options.</summary>
    private AppointmentSite Site(string options = "")
    {
        var site = new AppointmentSite(null);
        // One key ring for every site of the test, so a form opened on one is accepted by the next.
        site.WithSetting("ConnectionStrings:Clinic", $"Data Source={DatabasePath};{options}")
            .WithSetting("DataProtection:KeysPath", Path.Combine(_folder, "keys"));
        return site;
    }

    private async Task<long> CountRowsAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM AppointmentRequests";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the temp cleaner.
        }
    }
}
