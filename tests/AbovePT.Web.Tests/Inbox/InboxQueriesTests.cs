using AbovePT.Web.Data;
using AbovePT.Web.Features.Inbox;
using AbovePT.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AbovePT.Web.Tests.Inbox;

/// <summary><see cref="InboxQueries.Matching"/> and <see cref="InboxQueries.CountByStatusAsync"/> run by SQLite on the site's own database.</summary>
public sealed class InboxQueriesTests(InboxQueriesTests.Database database) : IClassFixture<InboxQueriesTests.Database>
{
    [Theory]
    [InlineData("QC-7K3Q9", "QC-7K3Q9")]
    [InlineData("qc-7k3q9", "QC-7K3Q9")]
    [InlineData(" QC-7K3Q9 ", "QC-7K3Q9")]
    [InlineData("480.555.0142", "QC-7K3Q9")]
    [InlineData("(480) 555-0142", "QC-7K3Q9")]
    [InlineData("+1 480 555 0142", "QC-7K3Q9")]
    [InlineData("nunez", "QC-7K3Q9")]
    [InlineData("NUÑEZ", "QC-7K3Q9")]
    [InlineData("Nú", "PX-NUNN1,QC-7K3Q9")]
    [InlineData("nun", "PX-NUNN1,QC-7K3Q9")]
    [InlineData("José", "PX-JOSE1")]
    [InlineData("jose", "PX-JOSE1")]
    [InlineData("o'brien", "QC-OBRI1")]
    [InlineData("OBrien-Sm", "QC-OBRI1")]
    [InlineData("602 555 0199", "PX-NUNN1")]
    public void Matching_FindsByReferencePhoneOrNamePrefix(string term, string expected) =>
        Assert.Equal(expected, Found(term));

    [Theory]
    // Not a prefix of the last name, nor the first name.
    [InlineData("unez")]
    [InlineData("ez")]
    [InlineData("Seed")]
    [InlineData("nunezz")]
    // A reference that does not exist, and one of another shape.
    [InlineData("QC-7K3Q8")]
    [InlineData("QC7K3Q9")]
    // Part of a phone number is no phone number: at least seven digits, and the whole number.
    [InlineData("0142")]
    [InlineData("555-0142")]
    [InlineData("480 555 0143")]
    // Nothing to search by.
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("'-")]
    public void Matching_FindsNothing(string term) =>
        Assert.Equal("", Found(term));

    [Fact]
    public async Task CountByStatus_CountsEachClinicApart_ByTheClinicEachFollowUpTookFromItsRequest()
    {
        using var site = new SiteFactory();
        var received = new DateTime(2026, 12, 1, 16, 0, 0, DateTimeKind.Utc);
        var claimed = RequestFollowUp.New();
        Assert.Null(claimed.Claim(new StaffName("ana@abovept.example", "Ana Ruiz"), received));
        var phoenix = StoredRequests.Of("PX-CNT01", received, followUp: claimed);
        phoenix.LocationId = "phoenix";
        await StoredRequests.AddAsync(site, StoredRequests.Of("QC-CNT01", received), StoredRequests.Of("QC-CNT02", received), phoenix);

        using var scope = site.Services.CreateScope();
        var followUps = scope.ServiceProvider.GetRequiredService<ClinicDbContext>().Set<RequestFollowUp>();
        Assert.Equal(new Dictionary<RequestStatus, int> { [RequestStatus.New] = 2 }, await followUps.CountByStatusAsync(["queen-creek"]));
        Assert.Equal(new Dictionary<RequestStatus, int> { [RequestStatus.InProgress] = 1 }, await followUps.CountByStatusAsync(["phoenix"]));
        Assert.Equal(
            new Dictionary<RequestStatus, int> { [RequestStatus.New] = 2, [RequestStatus.InProgress] = 1 },
            await followUps.CountByStatusAsync(["queen-creek", "phoenix"]));
    }

    private string Found(string term)
    {
        using var scope = database.Site.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ClinicDbContext>();
        return string.Join(",", db.AppointmentRequests.Matching(term).Select(r => r.Reference).Order().ToList());
    }

    /// <summary>The site's migrated SQLite file holding four requests, shared by the class (its tests only read).</summary>
    public sealed class Database : IAsyncLifetime
    {
        public SiteFactory Site { get; } = new();

        public async Task InitializeAsync()
        {
            var received = new DateTime(2026, 12, 1, 16, 0, 0, DateTimeKind.Utc);
            await StoredRequests.AddAsync(Site,
                StoredRequests.Of("QC-7K3Q9", received, lastName: "Núñez", phone: "+14805550142"),
                StoredRequests.Of("PX-NUNN1", received, lastName: "Nunn", phone: "+16025550199"),
                StoredRequests.Of("PX-JOSE1", received, lastName: "José", phone: "+16025550100"),
                StoredRequests.Of("QC-OBRI1", received, lastName: "O'Brien-Smith", phone: "+14805550101"));
        }

        public Task DisposeAsync()
        {
            Site.Dispose();
            return Task.CompletedTask;
        }
    }
}
