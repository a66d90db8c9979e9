using System.Net;
using System.Text;
using AbovePT.Web.Data;
using AbovePT.Web.Features.Inbox;
using AbovePT.Web.Features.Staff;
using AbovePT.Web.Tests.Appointments;
using AbovePT.Web.Tests.Infrastructure;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static AbovePT.Web.Tests.Staff.StaffForms;

namespace AbovePT.Web.Tests.Inbox;

/// <summary>
/// The front desk's inbox over real HTTP and a real SQLite file, with real requests posted through the form and
/// real staff sessions: who sees what, the search, working a request, two people at once, the timeline, the export.
/// </summary>
public sealed class InboxTests : IDisposable
{
    private const string Ana = "ana.ruiz@abovept.example";
    private const string Lupe = "lupe.garcia@abovept.example";

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 2, 16, 0, 0, TimeSpan.Zero));
    private readonly AppointmentSite _site;

    public InboxTests() => _site = new AppointmentSite(null).WithClock(_clock);

    [Fact]
    public async Task List_ShowsOnlyTheClinicsAPersonServes_AndAnotherClinicsRequestIs404()
    {
        var phoenix = await RequestAsync("phoenix", "Núñez", "(602) 555-0101");
        var queenCreek = await RequestAsync("queen-creek", "Smith", "(480) 555-0199");
        var lupe = await SignedInAsync(Lupe, "front-desk", "phoenix", "Lupe Garcia");

        var list = await PageAsync(lupe, "/staff/requests");

        Assert.Equal([phoenix], References(list));
        Assert.Equal(HttpStatusCode.NotFound, (await lupe.GetAsync(PathOf(queenCreek))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await lupe.GetAsync("/staff/requests?location=queen-creek")).StatusCode);
        Assert.Empty(References(await SearchAsync(lupe, "(480) 555-0199")));
        Assert.Equal(HttpStatusCode.OK, (await lupe.GetAsync(PathOf(phoenix))).StatusCode);
    }

    [Fact]
    public async Task List_OldestFirst_WithAgeAndAWarningPastTheAttentionTime()
    {
        var first = await RequestAsync("phoenix", "Early", "(602) 555-0102");
        _clock.Advance(TimeSpan.FromHours(3));
        var second = await RequestAsync("phoenix", "Later", "(602) 555-0103");
        _clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(10));
        var ana = await SignedInAsync(Ana, "admin", "all");

        var list = await PageAsync(ana, "/staff/requests");

        Assert.Equal([first, second], References(list));
        var rows = list.QuerySelectorAll("#inbox tbody tr").ToList();
        Assert.Contains("4 h 10 min", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Waiting over 4 h", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("1 h 10 min", rows[1].TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Waiting over", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("New: 2", list.QuerySelector(".inbox-counts")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("480.555.0142")]
    [InlineData("+1 480 555 0142")]
    [InlineData("nunez")]
    [InlineData("NÚÑ")]
    public async Task Search_FindsByPhoneInAnyFormat_OrLastNameWithoutAccents_AndNeverPutsTheTermInAUrlOrALog(string term)
    {
        var wanted = await RequestAsync("queen-creek", "Núñez", "(480) 555-0142");
        await RequestAsync("queen-creek", "Nash", "(480) 555-0143");
        var ana = await SignedInAsync(Ana, "admin", "all");

        var found = await SearchAsync(ana, term);

        Assert.Equal([wanted], References(found));
        Assert.Equal(term, found.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#term")!.Value);
        Assert.DoesNotContain(found.QuerySelectorAll("a[href]"), a => a.GetAttribute("href")!.Contains(Uri.EscapeDataString(term), StringComparison.OrdinalIgnoreCase));
        // Every level, Trace included (where MVC lists an action's arguments), not just what the site's own settings keep.
        Assert.DoesNotContain(_site.Logs.Entries, e => e.ToString().Contains(term, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Search_ByReference_FindsIt_AndAnEmptyTermIsA400WithAMessage()
    {
        var wanted = await RequestAsync("phoenix", "Doe", "(602) 555-0104");
        var ana = await SignedInAsync(Ana, "admin", "all");

        Assert.Equal([wanted], References(await SearchAsync(ana, wanted.ToLowerInvariant())));
        var page = await PageAsync(ana, "/staff/requests");
        var form = Form(page, "form[role=search]");
        form["term"] = "  ";
        var empty = await PostAsync(ana, form);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("Type a reference", (await Html.ParseAsync(empty)).QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Claim_ByTwoPeopleAtOnce_TheSecondSeesWhoHasIt_AndNothingIsOverwritten()
    {
        var reference = await RequestAsync("phoenix", "Doe", "(602) 555-0105");
        var ana = await SignedInAsync(Ana, "admin", "all");
        var lupe = await SignedInAsync(Lupe, "front-desk", "phoenix", "Lupe Garcia");
        var anasPage = Form(await PageAsync(ana, PathOf(reference)), "form[action$=claim]");
        var lupesPage = Form(await PageAsync(lupe, PathOf(reference)), "form[action$=claim]");

        var first = await PostAsync(ana, anasPage);
        var second = await PostAsync(lupe, lupesPage);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("Claimed by Ana Ruiz at 9:00 AM.", (await Html.ParseAsync(second)).QuerySelector("#request-problem")!.TextContent.Trim());
        var followUp = await FollowUpAsync(reference);
        Assert.Equal((RequestStatus.InProgress, "Ana Ruiz"), (followUp.Status, followUp.HolderName));
    }

    [Fact]
    public async Task Claim_RacingAtTheSameMoment_OneWins_TheOtherIsTold()
    {
        var reference = await RequestAsync("phoenix", "Doe", "(602) 555-0106");
        var ana = await SignedInAsync(Ana, "admin", "all");
        var lupe = await SignedInAsync(Lupe, "front-desk", "phoenix", "Lupe Garcia");
        var anasForm = Form(await PageAsync(ana, PathOf(reference)), "form[action$=claim]");
        var lupesForm = Form(await PageAsync(lupe, PathOf(reference)), "form[action$=claim]");

        var answers = await Task.WhenAll(PostAsync(ana, anasForm), PostAsync(lupe, lupesForm));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], answers.Select(a => a.StatusCode).Order());
        var followUp = await FollowUpAsync(reference);
        Assert.Equal(1, followUp.Version);
        var loser = answers.Single(a => a.StatusCode == HttpStatusCode.Conflict);
        Assert.Contains($"Claimed by {followUp.HolderName}", (await Html.ParseAsync(loser)).QuerySelector("#request-problem")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WorkingARequest_Claim_Calls_Schedule_InArizonaTime_ThenReopen()
    {
        var reference = await RequestAsync("phoenix", "Doe", "(602) 555-0107");
        var ana = await SignedInAsync(Ana, "admin", "all");
        var path = PathOf(reference);

        var claimed = await SubmitAsync(ana, await PageAsync(ana, path), "form[action$=claim]");
        var noAnswer = await SubmitAsync(ana, claimed, "form[action$=call]", ("outcome", "NoAnswer"));
        _clock.Advance(TimeSpan.FromMinutes(10));
        var spoke = await SubmitAsync(ana, noAnswer, "form[action$=call]", ("outcome", "Spoke"));
        var scheduled = await SubmitAsync(ana, spoke, "form[action$=schedule]", ("date", "2026-12-04"), ("time", "14:30"));

        Assert.Contains("Scheduled for Fri, Dec 4, 2:30 PM", scheduled.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(2, scheduled.QuerySelectorAll("#calls li").Length);
        var followUp = await FollowUpAsync(reference);
        Assert.Equal(RequestStatus.Scheduled, followUp.Status);
        Assert.Equal(new DateTime(2026, 12, 4, 21, 30, 0, DateTimeKind.Utc), followUp.AppointmentAtUtc);
        Assert.Equal((2, new DateTime(2026, 12, 2, 16, 0, 0, DateTimeKind.Utc)), (followUp.CallCount, followUp.FirstCallAtUtc!.Value));

        var reopened = await SubmitAsync(ana, scheduled, "form[action$=reopen]");
        Assert.Equal("In progress", reopened.QuerySelector(".inbox-status")!.TextContent);
    }

    [Fact]
    public async Task Moves_FromAPageThatIsNoLongerCurrent_OrWithoutARequiredReason_ChangeNothing()
    {
        var reference = await RequestAsync("phoenix", "Doe", "(602) 555-0108");
        var ana = await SignedInAsync(Ana, "admin", "all");
        var claimed = await SubmitAsync(ana, await PageAsync(ana, PathOf(reference)), "form[action$=claim]");
        var stale = Form(claimed, "form[action$=close]");
        await SubmitAsync(ana, claimed, "form[action$=call]", ("outcome", "LeftVoicemail"));

        stale["status"] = "Spam";
        var conflict = await PostAsync(ana, stale);
        var noReason = Form(await PageAsync(ana, PathOf(reference)), "form[action$=close]");
        noReason["status"] = "Declined";
        noReason["reason"] = " ";
        var refused = await PostAsync(ana, noReason);
        var past = Form(await PageAsync(ana, PathOf(reference)), "form[action$=schedule]");
        past["date"] = "2026-12-01";
        past["time"] = "10:00";
        var inThePast = await PostAsync(ana, past);

        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Say why the request is declined", (await Html.ParseAsync(refused)).QuerySelector("#request-problem")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, inThePast.StatusCode);
        Assert.Equal(RequestStatus.InProgress, (await FollowUpAsync(reference)).Status);
    }

    [Fact]
    public async Task Timeline_RecordsEveryViewAndChange_ByReferenceOnly_AndANoteNeverReachesTheAuditOrTheLogs()
    {
        const string note = "Patient prefers Dr. Patel; mentioned a torn meniscus";
        var reference = await RequestAsync("phoenix", "Doe", "(602) 555-0109");
        var ana = await SignedInAsync(Ana, "admin", "all");
        var page = await PageAsync(ana, PathOf(reference));
        var claimed = await SubmitAsync(ana, page, "form[action$=claim]");
        var noted = await SubmitAsync(ana, claimed, "form[action$=note]", ("text", note));

        Assert.Contains(note, noted.QuerySelector("#notes")!.TextContent, StringComparison.Ordinal);
        var timeline = noted.QuerySelector("#timeline")!.TextContent;
        Assert.Contains("Ana Ruiz viewed the request", timeline, StringComparison.Ordinal);
        Assert.Contains("Ana Ruiz claimed it", timeline, StringComparison.Ordinal);
        Assert.Contains("Ana Ruiz added a note", timeline, StringComparison.Ordinal);
        var rows = await AuditAsync(reference);
        Assert.Equal([StaffEvent.RequestViewed, StaffEvent.RequestClaimed, StaffEvent.NoteAdded], rows.Select(a => a.Event));
        Assert.All(rows, a => Assert.Equal(Ana, a.StaffEmail));
        Assert.DoesNotContain(rows, a => (a.Detail ?? "").Contains("meniscus", StringComparison.Ordinal));
        Assert.DoesNotContain(_site.Logs.Entries, e => e.ToString().Contains("meniscus", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Export_ForAnAdmin_IsTheFiltersRows_AsExcelReadyCsv_Audited_AndForbiddenToTheFrontDesk()
    {
        var wanted = await RequestAsync("phoenix", "Núñez", "(602) 555-0110", firstName: "José");
        await RequestAsync("queen-creek", "Smith", "(480) 555-0111");
        var ana = await SignedInAsync(Ana, "admin", "all");
        var lupe = await SignedInAsync(Lupe, "front-desk", "phoenix", "Lupe Garcia");

        var export = await ana.GetAsync("/staff/requests/export?location=phoenix&status=New");

        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("text/csv", export.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", export.Content.Headers.ContentDisposition!.DispositionType);
        var bytes = await export.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith($"\"{wanted}\",", lines[1], StringComparison.Ordinal);
        Assert.Contains("\"José\",\"Núñez\"", lines[1], StringComparison.Ordinal);
        Assert.Contains(await AuditAsync(null), a => a is { Event: StaffEvent.RequestsExported, StaffEmail: Ana } && a.Detail!.StartsWith("1 rows", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Redirect, (await lupe.GetAsync("/staff/requests/export")).StatusCode);
    }

    [Fact]
    public async Task SpanishRequest_ItsPageSaysThePatientsLanguageFirst_AndAnEnglishOneAddsNothing()
    {
        var spanish = await RequestAsync("phoenix", "Ríos", "(602) 555-0120", spanish: true);
        var english = await RequestAsync("phoenix", "Doe", "(602) 555-0121");
        var lupe = await SignedInAsync(Lupe, "front-desk", "phoenix", "Lupe Garcia");

        var spanishPage = await PageAsync(lupe, PathOf(spanish));
        var englishPage = await PageAsync(lupe, PathOf(english));

        var notice = spanishPage.GetElementById("patient-language");
        Assert.Equal("Patient's language: Spanish", notice?.TextContent);
        Assert.Same(spanishPage.QuerySelector("h1")!.NextElementSibling, notice);
        Assert.Equal("en", spanishPage.DocumentElement.GetAttribute("lang"));
        Assert.Null(englishPage.GetElementById("patient-language"));
        Assert.DoesNotContain("language", englishPage.QuerySelector("main")!.TextContent, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Export_HasTheLanguageEachRequestWasMadeIn_AsTheLastColumn()
    {
        var spanish = await RequestAsync("phoenix", "Ríos", "(602) 555-0120", spanish: true);
        var english = await RequestAsync("phoenix", "Doe", "(602) 555-0121");
        var ana = await SignedInAsync(Ana, "admin", "all");

        var bytes = await (await ana.GetAsync("/staff/requests/export?location=phoenix")).Content.ReadAsByteArrayAsync();

        var rows = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split("\",\"")).ToList();
        Assert.Equal("Language\"", rows[0][^1]);
        Assert.All(rows, row => Assert.Equal(rows[0].Length, row.Length));
        var languages = rows.Skip(1).ToDictionary(row => row[0].TrimStart('"'), row => row[^1].TrimEnd('"'));
        Assert.Equal(new Dictionary<string, string> { [spanish] = "Spanish", [english] = "English" }, languages);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+1 480", "\"'+1 480\"")]
    [InlineData("-2", "\"'-2\"")]
    [InlineData("@SUM(A1)", "\"'@SUM(A1)\"")]
    [InlineData("\tx", "\"'\tx\"")]
    [InlineData("\rx", "\"'\rx\"")]
    [InlineData("Smith-Jones", "\"Smith-Jones\"")]
    public void Csv_NeutralisesCellsASpreadsheetWouldRunAsAFormula(string value, string cell) =>
        Assert.Equal(cell, InboxCsv.Cell(value));

    [Fact]
    public async Task InboxPages_WithoutASession_RedirectToSignIn_AndAreNeverStored()
    {
        var reference = await RequestAsync("phoenix", "Doe", "(602) 555-0112");
        var anonymous = _site.Browser().Client;
        var ana = await SignedInAsync(Ana, "admin", "all");

        foreach (var path in new[] { "/staff/requests", PathOf(reference), "/staff/requests/export" })
        {
            var response = await anonymous.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/staff/sign-in", response.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        }

        var page = await ana.GetAsync(PathOf(reference));
        Assert.True(page.Headers.CacheControl?.NoStore, "Cache-Control: no-store");
        Assert.Contains("noindex", string.Join(",", page.Headers.GetValues("X-Robots-Tag")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailedEmail_AnAdminSendsItAgainFromTheRequestsPage_TheFrontDeskCannot()
    {
        var failed = MailDeliveries.InState(Web.Features.Appointments.Delivery.DeliveryStatus.Failed, _clock.GetUtcNow().UtcDateTime);
        await StoredRequests.AddAsync(_site, StoredRequests.Of("QC-FA1LD", _clock.GetUtcNow().UtcDateTime, frontDesk: failed));
        var ana = await SignedInAsync(Ana, "admin", "all");
        var lupe = await SignedInAsync(Lupe, "front-desk", "queen-creek", "Lupe Garcia");
        var lupesPage = await PageAsync(lupe, PathOf("QC-FA1LD"));
        Assert.Null(lupesPage.QuerySelector("form[action$=resend]"));

        var page = await PageAsync(ana, PathOf("QC-FA1LD"));
        var resent = await SubmitAsync(ana, page, "form[action$=resend]");

        Assert.Contains("queued to be sent again", resent.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        await using (var scope = _site.Services.CreateAsyncScope())
        {
            var request = await scope.ServiceProvider.GetRequiredService<ClinicDbContext>().AppointmentRequests.AsNoTracking().SingleAsync(r => r.Reference == "QC-FA1LD");
            Assert.NotEqual(Web.Features.Appointments.Delivery.DeliveryStatus.Failed, request.FrontDeskMail.Status);
        }

        Assert.Contains(await AuditAsync("QC-FA1LD"), a => a is { Event: StaffEvent.MailResent, StaffEmail: Ana });
        // Her own page's token, posted to the admin's button: the staff side's 403.
        var lupesForm = Form(lupesPage, "form[action$=claim]");
        lupesForm["@action"] = Form(page, "form[action$=resend]")["@action"];
        var forbidden = await PostAsync(lupe, lupesForm);
        Assert.Equal("/staff/denied", forbidden.Headers.Location?.AbsolutePath);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SignIn_FromTheEmailsLink_LeadsOnToTheRequest_ButNeverToAnotherSite(bool forged)
    {
        var reference = await RequestAsync("phoenix", "Doe", "(602) 555-0113");
        var key = (await AcceptAsync(_site.Browser().Client, await InviteAsync(_site.Services, Lupe, "front-desk", "phoenix", "Lupe Garcia"))).Key;
        var desk = _site.Browser().Client;
        var signInPage = forged
            ? "/staff/sign-in?returnUrl=%2F%2Fevil.example%2Fstaff%2Frequests"
            : (await desk.GetAsync(PathOf(reference))).Headers.Location!.OriginalString;

        var form = Form(await PageAsync(desk, signInPage), "main form");
        form["Email"] = Lupe;
        form["Password"] = Password;
        var code = await desk.GetAsync((await PostAsync(desk, form)).Headers.Location);
        var codeForm = Form(await Html.ParseAsync(code), "main form");
        codeForm["Code"] = Totp(key);
        var signedIn = await PostAsync(desk, codeForm);

        Assert.Equal(forged ? "/staff" : PathOf(reference), signedIn.Headers.Location!.OriginalString);
    }

    /// <summary>Posts a request through the English form, or the Spanish one (<c>/es/citas/solicitar</c>), as a patient would.</summary>
    private async Task<string> RequestAsync(string location, string lastName, string phone, string firstName = "Jane", bool spanish = false)
    {
        var browser = _site.Browser();
        var form = (await browser.OpenAsync(spanish ? "/es/citas/solicitar" : "/appointments/request")).FillValid(location);
        var posted = await browser.PostAsync(form.Set("FirstName", firstName).Set("LastName", lastName).Set("Phone", phone));
        var received = await browser.FollowAsync(posted);
        return received.QuerySelector(".appt-reference strong")!.TextContent;
    }

    private async Task<HttpClient> SignedInAsync(string email, string role, string location, string name = "Ana Ruiz")
    {
        var client = _site.Browser().Client;
        await AcceptAsync(client, await InviteAsync(_site.Services, email, role, location, name));
        return client;
    }

    /// <summary>A request's page as the site links it (references are upper case, paths lower case).</summary>
    private static string PathOf(string reference) => InboxFormat.PathOf(reference);

    private static async Task<IDocument> PageAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Html.ParseAsync(response);
    }

    private static async Task<IDocument> SearchAsync(HttpClient client, string term)
    {
        var form = Form(await PageAsync(client, "/staff/requests"), "form[role=search]");
        form["term"] = term;
        var response = await PostAsync(client, form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Html.ParseAsync(response);
    }

    /// <summary>Fills and posts one of the page's forms; the answer must be the request's page, 200.</summary>
    private static async Task<IDocument> SubmitAsync(HttpClient client, IDocument page, string selector, params (string Name, string Value)[] fields)
    {
        var form = Form(page, selector);
        foreach (var (name, value) in fields)
        {
            form[name] = value;
        }

        var response = await PostAsync(client, form);
        var answer = await Html.ParseAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{selector}: {(int)response.StatusCode} {answer.QuerySelector("[role=alert]")?.TextContent}");
        return answer;
    }

    private static List<string> References(IDocument page) =>
        [.. page.QuerySelectorAll("#inbox tbody tr td:first-child a").Select(a => a.TextContent)];

    private async Task<RequestFollowUp> FollowUpAsync(string reference)
    {
        await using var scope = _site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClinicDbContext>();
        return (await db.AppointmentRequests.AsNoTracking().Include(r => r.FollowUp).SingleAsync(r => r.Reference == reference)).FollowUp;
    }

    private async Task<List<StaffAuditEntry>> AuditAsync(string? reference)
    {
        await using var scope = _site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClinicDbContext>();
        var rows = await db.StaffAudit.AsNoTracking().Where(a => a.Reference == reference).OrderBy(a => a.Id).ToListAsync();
        return [.. rows.Where(a => a.Event >= StaffEvent.RequestViewed)];
    }

    public void Dispose()
    {
        _site.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
