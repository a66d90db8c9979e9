using System.Net;
using AbovePT.Web.Data;
using AbovePT.Web.Features.Inbox;
using AbovePT.Web.Tests.Appointments;
using AbovePT.Web.Tests.Infrastructure;
using AngleSharp.Dom;
using Microsoft.Extensions.Time.Testing;
using static AbovePT.Web.Tests.Staff.StaffForms;

namespace AbovePT.Web.Tests.Inbox;

/// <summary>
/// The overview on the staff home over real HTTP and a real SQLite file: requests per Arizona day for the last 30
/// days, the time from arrival to the first call (median and 90th percentile), only for the clinics a person
/// serves, drawn as inline SVG with its numbers in a table.
/// </summary>
public sealed class InboxOverviewTests : IDisposable
{
    private const string Ana = "ana.ruiz@abovept.example";
    private const string Lupe = "lupe.garcia@abovept.example";

    /// <summary>9:00 AM on Wednesday, December 2, 2026 in Arizona: the window is November 3 to December 2.</summary>
    private static readonly DateTime Now = new(2026, 12, 2, 16, 0, 0, DateTimeKind.Utc);

    private static readonly StaffName Caller = new("caller@abovept.example", "Caller");

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(Now));
    private readonly AppointmentSite _site;

    public InboxOverviewTests() => _site = new AppointmentSite(null).WithClock(_clock);

    [Fact]
    public async Task Overview_CountsRequestsPerArizonaDay_AndTimesTheirFirstCall()
    {
        await StoredRequests.AddAsync(_site,
            // 11:30 PM on December 1 in Arizona, though already December 2 in UTC.
            Called("QC-A0001", Utc(12, 2, 6, 30), TimeSpan.FromMinutes(10)),
            // Midnight starting December 1 in Arizona, and a minute before it.
            Called("QC-A0002", Utc(12, 1, 7, 0), TimeSpan.FromMinutes(20)),
            Called("QC-A0003", Utc(12, 1, 6, 59), TimeSpan.FromMinutes(30)),
            // The first minute of the window, and the last one before it (neither counted nor timed).
            Called("QC-A0004", Utc(11, 3, 7, 0), TimeSpan.FromMinutes(40)),
            Called("QC-A0005", Utc(11, 3, 6, 59), TimeSpan.FromMinutes(1)),
            // This morning, not called yet.
            StoredRequests.Of("QC-A0006", Utc(12, 2, 15, 0)),
            At("phoenix", Called("PX-A0001", Utc(11, 20, 18, 0), TimeSpan.FromHours(26))));
        var ana = await SignedInAsync(Ana, "admin", "all");

        var home = await PageAsync(ana, "/staff");

        var queenCreek = Clinic(home, "queen-creek");
        var days = DayCounts(queenCreek);
        Assert.Equal(30, days.Count);
        Assert.Equal(("Tue, Nov 3", 1), days[0]);
        Assert.Equal(("Mon, Nov 30", 1), days[27]);
        Assert.Equal(("Tue, Dec 1", 2), days[28]);
        Assert.Equal(("Wed, Dec 2", 1), days[29]);
        Assert.Equal(5, days.Sum(d => d.Requests));
        Assert.Equal("5", queenCreek.QuerySelector("tfoot td")!.TextContent);
        // Median of 10, 20, 30 and 40 minutes; the 90th percentile 70% of the way from the third to the fourth.
        Assert.Equal(
            [("Median", "25 min"), ("90th percentile", "37 min"), ("Called", "4 requests"), ("No call logged", "1 (not called yet, or closed without a call)")],
            Waits(queenCreek));
        Assert.Equal([("Median", "1 d 2 h"), ("90th percentile", "1 d 2 h"), ("Called", "1 request"), ("No call logged", "0 (not called yet, or closed without a call)")],
            Waits(Clinic(home, "phoenix")));
        Assert.Equal(["Queen Creek", "Phoenix"], home.QuerySelectorAll(".overview__clinic h3").Select(h => h.TextContent.Trim()));
    }

    [Fact]
    public async Task Overview_DrawsEachDayAsAnSvgBar_WithATitleAndADescription_AndTheBusiestDayAsItsScale()
    {
        await StoredRequests.AddAsync(_site,
            StoredRequests.Of("QC-B0001", Utc(11, 25, 17, 0)),
            StoredRequests.Of("QC-B0002", Utc(11, 25, 18, 0)),
            StoredRequests.Of("QC-B0003", Utc(11, 25, 19, 0)),
            StoredRequests.Of("QC-B0004", Utc(12, 2, 15, 0)));
        var ana = await SignedInAsync(Ana, "admin", "all");

        var chart = Clinic(await PageAsync(ana, "/staff"), "queen-creek").QuerySelector("svg")!;

        Assert.Equal("img", chart.GetAttribute("role"));
        var title = chart.QuerySelector("title")!;
        Assert.Equal(title.Id, chart.GetAttribute("aria-labelledby"));
        Assert.Equal("Requests per day at Queen Creek, the last 30 days", title.TextContent);
        Assert.Equal("4 requests from Nov 3 to Dec 2; the most on one day: 3, on Wed, Nov 25. The table below lists every day.",
            chart.QuerySelector($"#{chart.GetAttribute("aria-describedby")}")!.TextContent);
        // One bar per day that had requests, the busiest full height, each with its number written above it.
        var bars = chart.QuerySelectorAll("rect.overview-chart__bar").Select(b => double.Parse(b.GetAttribute("height")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal([126, 42], bars);
        Assert.Equal(["3", "1"], chart.QuerySelectorAll("text.overview-chart__value").Select(t => t.TextContent));
        Assert.Equal(["3", "0"], chart.QuerySelectorAll("text.overview-chart__axis-label").Select(t => t.TextContent));
        Assert.Equal(["Nov 4", "Nov 11", "Nov 18", "Nov 25", "Dec 2"], chart.QuerySelectorAll("text.overview-chart__date").Select(t => t.TextContent));
        // Not a single style attribute: the CSP would refuse it.
        Assert.Empty(chart.QuerySelectorAll("[style]"));
    }

    [Fact]
    public async Task Overview_ShowsOnlyTheClinicsAPersonServes()
    {
        await StoredRequests.AddAsync(_site, StoredRequests.Of("QC-C0001", Utc(12, 1, 17, 0)), At("phoenix", StoredRequests.Of("PX-C0001", Utc(12, 1, 17, 0))));
        var lupe = await SignedInAsync(Lupe, "front-desk", "phoenix", "Lupe Garcia");

        var home = await PageAsync(lupe, "/staff");

        Assert.Equal(["overview-phoenix"], home.QuerySelectorAll(".overview__clinic").Select(c => c.Id));
        Assert.DoesNotContain("Queen Creek", home.QuerySelector(".overview")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(1, DayCounts(Clinic(home, "phoenix")).Sum(d => d.Requests));
        Assert.Equal("Hello, Lupe Garcia", home.QuerySelector("h1")!.TextContent);
        Assert.Equal("Sign out", home.QuerySelector("main button[type=submit]")!.TextContent);
    }

    [Fact]
    public async Task Overview_OfARequestPostedAndCalledThroughTheSite_TimesItsFirstCallNotItsLater()
    {
        var posted = await _site.Browser().RequestAsync("phoenix", form => form.Set("FirstName", "Jane").Set("LastName", "Doe").Set("Phone", "(602) 555-0110"));
        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
        _clock.Advance(TimeSpan.FromMinutes(45));
        var ana = await SignedInAsync(Ana, "admin", "all");
        var path = (await PageAsync(ana, "/staff/requests")).QuerySelector("#inbox tbody a")!.GetAttribute("href")!;
        var claimed = await SubmitAsync(ana, await PageAsync(ana, path), "form[action$=claim]");
        var called = await SubmitAsync(ana, claimed, "form[action$=call]", ("outcome", "NoAnswer"));
        // Within the session's 15 idle minutes.
        _clock.Advance(TimeSpan.FromMinutes(10));
        await SubmitAsync(ana, called, "form[action$=call]", ("outcome", "Spoke"));

        var phoenix = Clinic(await PageAsync(ana, "/staff"), "phoenix");

        Assert.Equal(("Median", "45 min"), Waits(phoenix)[0]);
        Assert.Equal(("Wed, Dec 2", 1), DayCounts(phoenix)[^1]);
        Assert.Equal("Time to the first call at Phoenix: median 45 min, 90th percentile 45 min",
            phoenix.QuerySelector("svg.overview-chart--waits title")!.TextContent);
    }

    [Fact]
    public async Task Overview_WithNoRequests_SaysSo_AndStillShowsThirtyDays()
    {
        var ana = await SignedInAsync(Ana, "admin", "queen-creek");

        var queenCreek = Clinic(await PageAsync(ana, "/staff"), "queen-creek");

        Assert.Equal(30, DayCounts(queenCreek).Count(d => d.Requests == 0));
        Assert.Empty(queenCreek.QuerySelectorAll("rect"));
        Assert.Contains("No requests in these days", queenCreek.TextContent, StringComparison.Ordinal);
        Assert.Equal("No requests from Nov 3 to Dec 2.", queenCreek.QuerySelector("svg desc")!.TextContent);
    }

    [Theory]
    [InlineData(new[] { 7 }, 7, 7)]
    [InlineData(new[] { 10, 20, 30 }, 20, 28)]
    [InlineData(new[] { 40, 10, 30, 20 }, 25, 37)]
    [InlineData(new[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 100 }, 6, 10)]
    public void Percentile_InterpolatesBetweenTheNearestRanks(int[] minutes, int median, int percentile90)
    {
        var sorted = minutes.Order().Select(m => TimeSpan.FromMinutes(m)).ToList();

        Assert.Equal(TimeSpan.FromMinutes(median), InboxOverview.Percentile(sorted, 0.5));
        Assert.Equal(TimeSpan.FromMinutes(percentile90), InboxOverview.Percentile(sorted, 0.9));
        Assert.Null(InboxOverview.Percentile([], 0.5));
    }

    private static DateTime Utc(int month, int day, int hour, int minute) => new(2026, month, day, hour, minute, 0, DateTimeKind.Utc);

    /// <summary>A stored request whose first call came <paramref name="after"/> it arrived.</summary>
    private static AppointmentRequest Called(string reference, DateTime receivedAtUtc, TimeSpan after)
    {
        var followUp = RequestFollowUp.New();
        Assert.Null(followUp.Claim(Caller, receivedAtUtc));
        Assert.Null(followUp.LogCall(CallOutcome.NoAnswer, Caller, receivedAtUtc + after));
        Assert.Null(followUp.LogCall(CallOutcome.Spoke, Caller, receivedAtUtc + after + TimeSpan.FromHours(3)));
        return StoredRequests.Of(reference, receivedAtUtc, followUp);
    }

    private static AppointmentRequest At(string locationId, AppointmentRequest request)
    {
        request.LocationId = locationId;
        return request;
    }

    private static IElement Clinic(IDocument home, string locationId) =>
        home.QuerySelector($"#overview-{locationId}") ?? throw new InvalidOperationException($"No overview of {locationId}.");

    private static List<(string Day, int Requests)> DayCounts(IElement clinic) =>
        [.. clinic.QuerySelectorAll("table tbody tr").Select(r => (r.QuerySelector("th")!.TextContent.Trim(), int.Parse(r.QuerySelector("td")!.TextContent, System.Globalization.CultureInfo.InvariantCulture)))];

    private static List<(string Name, string Value)> Waits(IElement clinic) =>
        [.. clinic.QuerySelectorAll(".overview__waits dt").Select(dt => (dt.TextContent.Trim(), dt.NextElementSibling!.TextContent.Trim()))];

    private async Task<HttpClient> SignedInAsync(string email, string role, string location, string name = "Ana Ruiz")
    {
        var client = _site.Browser().Client;
        await AcceptAsync(client, await InviteAsync(_site.Services, email, role, location, name));
        return client;
    }

    private static async Task<IDocument> PageAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Html.ParseAsync(response);
    }

    private static async Task<IDocument> SubmitAsync(HttpClient client, IDocument page, string selector, params (string Name, string Value)[] fields)
    {
        var form = Form(page, selector);
        foreach (var (name, value) in fields)
        {
            form[name] = value;
        }

        var response = await PostAsync(client, form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Html.ParseAsync(response);
    }

    public void Dispose()
    {
        _site.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
