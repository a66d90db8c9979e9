using AbovePT.Web.Clinic;
using AbovePT.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace AbovePT.Web.Features.Inbox;

/// <summary>
/// The staff home's overview, per clinic a person serves: requests received on each of the last
/// <see cref="Days"/> Arizona days (today included), and how long those requests waited from arrival to their
/// first call attempt.
/// </summary>
/// <remarks>
/// SQLite has no percentile function, so the database returns three narrow columns of the window's requests
/// (clinic, arrival, first call; served by the (LocationId, ReceivedAtUtc) index) and the counting and
/// percentiles happen here. A two-clinic practice receives a few hundred requests a month: nothing to page.
/// </remarks>
public sealed class InboxOverview(ClinicDbContext db, TimeProvider time)
{
    public const int Days = 30;

    public async Task<IReadOnlyList<ClinicOverview>> ForAsync(IReadOnlyList<ClinicLocation> locations, CancellationToken cancellationToken = default)
    {
        var today = ArizonaTime.Today(time);
        var first = today.AddDays(1 - Days);
        var fromUtc = ArizonaTime.StartOfDay(first).UtcDateTime;
        var untilUtc = ArizonaTime.StartOfDay(today.AddDays(1)).UtcDateTime;
        var rows = await db.AppointmentRequests.AsNoTracking()
            .At([.. locations.Select(l => l.Id)])
            .Where(r => r.ReceivedAtUtc >= fromUtc && r.ReceivedAtUtc < untilUtc)
            .Select(r => new { r.LocationId, r.ReceivedAtUtc, r.FollowUp.FirstCallAtUtc })
            .ToListAsync(cancellationToken);

        return [.. locations.Select(location =>
        {
            var received = rows.Where(r => r.LocationId == location.Id).ToList();
            var perDay = received.CountBy(r => DateOnly.FromDateTime(ArizonaTime.ToArizona(r.ReceivedAtUtc).DateTime)).ToDictionary();
            var days = Enumerable.Range(0, Days)
                .Select(i => first.AddDays(i))
                .Select(day => new DayCount(day, perDay.GetValueOrDefault(day)))
                .ToList();
            var waits = received
                .Where(r => r.FirstCallAtUtc is not null)
                .Select(r => r.FirstCallAtUtc!.Value - r.ReceivedAtUtc)
                .Order()
                .ToList();
            return new ClinicOverview(location, days, new FirstCallTimes(waits.Count, received.Count - waits.Count, Percentile(waits, 0.5), Percentile(waits, 0.9)));
        })];
    }

    /// <summary>
    /// The <paramref name="p"/>-quantile of ascending <paramref name="sorted"/> values, interpolated between the two
    /// nearest ranks (Excel's PERCENTILE.INC, NumPy's default): 0.5 is the usual median, the middle two averaged
    /// when the count is even. Null for no values.
    /// </summary>
    internal static TimeSpan? Percentile(IReadOnlyList<TimeSpan> sorted, double p)
    {
        if (sorted.Count == 0)
        {
            return null;
        }

        var rank = (sorted.Count - 1) * p;
        var below = (int)Math.Floor(rank);
        var above = Math.Min(below + 1, sorted.Count - 1);
        return sorted[below] + ((sorted[above] - sorted[below]) * (rank - below));
    }
}

/// <summary>One clinic's last <see cref="InboxOverview.Days"/> days, oldest first.</summary>
public sealed record ClinicOverview(ClinicLocation Location, IReadOnlyList<DayCount> Days, FirstCallTimes FirstCall)
{
    public int Total => Days.Sum(d => d.Requests);

    public int Busiest => Days.Max(d => d.Requests);
}

/// <summary>Requests received on one Arizona day.</summary>
public sealed record DayCount(DateOnly Date, int Requests);

/// <summary>
/// From arrival to the first call attempt, over the requests of the window that have had one; the others
/// (not called yet, or closed without a call, as spam is) are <see cref="NotCalled"/>.
/// </summary>
public sealed record FirstCallTimes(int Called, int NotCalled, TimeSpan? Median, TimeSpan? Percentile90);
