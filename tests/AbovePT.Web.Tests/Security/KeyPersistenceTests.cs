using System.Net;
using AbovePT.Web.Tests.Appointments;
using AbovePT.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AbovePT.Web.Tests.Security;

/// <summary>
/// A form a patient opened before a restart or deployment must still submit after it: the keys live in
/// <c>DataProtection:KeysPath</c> on SQLite, in the database on PostgreSQL.
/// </summary>
public sealed class KeyPersistenceTests : IDisposable
{
    private readonly string _keys = Directory.CreateTempSubdirectory("abovept-keys-").FullName;

    private readonly TestDatabase _database;

    public KeyPersistenceTests() => _database = TestDatabase.Create(_keys);

    [Fact]
    public async Task FormOpenedBeforeRestart_SubmitsAfterRestart()
    {
        var (cookie, token) = await OpenFormAsync(_keys, _database);

        var status = await SubmitFormAsync(_keys, _database, cookie, token);

        Assert.Equal(HttpStatusCode.OK, status);
        if (TestDatabase.Provider == Web.Data.DatabaseProvider.Sqlite)
        {
            Assert.NotEmpty(Directory.GetFiles(_keys, "key-*.xml"));
        }
        else
        {
            Assert.Empty(Directory.GetFiles(_keys, "key-*.xml"));
        }
    }

    [Fact]
    public async Task AppointmentFormOpenedBeforeRestart_IsStoredAfterRestart()
    {
        using var database = TestDatabase.Create(_keys);
        string cookie;
        FilledForm form;
        using (var before = new AppointmentSite(null))
        {
            before.UseDatabase(database);
            before.WithSetting("DataProtection:KeysPath", _keys);
            var response = await before.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false }).GetAsync("/appointments/request");
            cookie = string.Join("; ", response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
            form = FilledForm.From(await Html.ParseAsync(response)).FillValid("phoenix");
        }

        using var after = new AppointmentSite(null);
        after.UseDatabase(database);
        after.WithSetting("DataProtection:KeysPath", _keys);
        var client = after.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        using var post = new HttpRequestMessage(HttpMethod.Post, form.Action) { Content = new FormUrlEncodedContent(form.Fields) };
        post.Headers.Add("Cookie", cookie);
        var submitted = await client.SendAsync(post);

        Assert.Equal(HttpStatusCode.SeeOther, submitted.StatusCode);
        Assert.Single(await after.RequestsAsync());
    }

    [Fact]
    public async Task FormOpenedBeforeRestart_IsRefusedWhenTheKeysWereLost()
    {
        var (cookie, token) = await OpenFormAsync(_keys, _database);
        var otherKeys = Path.Combine(_keys, "fresh");
        using var otherDatabase = TestDatabase.Create(otherKeys);

        var status = await SubmitFormAsync(otherKeys, otherDatabase, cookie, token);

        Assert.Equal(HttpStatusCode.BadRequest, status);
    }

    private static async Task<(string Cookie, string Token)> OpenFormAsync(string keys, TestDatabase database)
    {
        using var before = new ProbeSiteFactory();
        before.UseDatabase(database);
        before.WithSetting("DataProtection:KeysPath", keys);
        var client = before.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        var response = await client.GetAsync(ProbeSiteFactory.FormPath);
        response.EnsureSuccessStatusCode();
        var cookie = response.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
        return (cookie, await response.Content.ReadAsStringAsync());
    }

    private static async Task<HttpStatusCode> SubmitFormAsync(string keys, TestDatabase database, string cookie, string token)
    {
        using var after = new ProbeSiteFactory();
        after.UseDatabase(database);
        after.WithSetting("DataProtection:KeysPath", keys);
        var client = after.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Post, ProbeSiteFactory.FormPath)
        {
            Content = new FormUrlEncodedContent([new("__RequestVerificationToken", token)]),
        };
        request.Headers.Add("Cookie", cookie);
        var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    public void Dispose()
    {
        _database.Dispose();
        try
        {
            Directory.Delete(_keys, recursive: true);
        }
        catch (IOException)
        {
            // Left for the temp cleaner.
        }
    }
}
