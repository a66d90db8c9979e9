using System.Text.RegularExpressions;
using AbovePT.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace AbovePT.Web.Features.Inbox;

/// <summary>The inbox's questions of the request table, each served by an index (docs/quality.md has the plans).</summary>
public static partial class InboxQueries
{
    /// <summary>Only the clinics a person serves: a request of another clinic is never shown, nor found.</summary>
    public static IQueryable<AppointmentRequest> At(this IQueryable<AppointmentRequest> requests, IReadOnlyCollection<string> locationIds) =>
        requests.Where(r => locationIds.Contains(r.LocationId));

    public static IQueryable<AppointmentRequest> InStatus(this IQueryable<AppointmentRequest> requests, RequestStatus? status) =>
        status is { } only ? requests.Where(r => r.FollowUp.Status == only) : requests;

    /// <summary>
    /// How many requests of these clinics are in each status, from the follow-ups' (LocationId, Status) index alone: no
    /// join to the requests, no row read. Grouped by clinic as well, so SQLite takes the index in its own order and
    /// sorts nothing; the clinics are added up here.
    /// </summary>
    public static async Task<Dictionary<RequestStatus, int>> CountByStatusAsync(
        this IQueryable<RequestFollowUp> followUps, IReadOnlyCollection<string> locationIds)
    {
        var counts = await followUps.Where(f => locationIds.Contains(f.LocationId))
            .GroupBy(f => new { f.LocationId, f.Status })
            .Select(g => new { g.Key.Status, Count = g.Count() })
            .ToListAsync();
        return counts.GroupBy(c => c.Status).ToDictionary(g => g.Key, g => g.Sum(c => c.Count));
    }

    /// <summary>New requests received before <paramref name="receivedBeforeUtc"/> that nobody has claimed: someone should.</summary>
    public static IQueryable<AppointmentRequest> WaitingForClaim(this IQueryable<AppointmentRequest> requests, DateTime receivedBeforeUtc) =>
        requests.Where(r => r.FollowUp.Status == RequestStatus.New && r.ReceivedAtUtc < receivedBeforeUtc);

    /// <summary>
    /// What a search term finds: a reference (<c>QC-7K3Q9</c>) exactly; a phone number in any format by its digits;
    /// otherwise last names beginning with the term, accents and case aside (<c>nunez</c> finds <c>Núñez</c>).
    /// </summary>
    public static IQueryable<AppointmentRequest> Matching(this IQueryable<AppointmentRequest> requests, string term)
    {
        term = term.Trim();
        if (ReferencePattern().IsMatch(term))
        {
            var reference = term.ToUpperInvariant();
            return requests.Where(r => r.Reference == reference);
        }

        if (PhonePattern().IsMatch(term))
        {
            var phone = SearchKeys.Phone(term);
            return requests.Where(r => r.PhoneKey == phone);
        }

        // A range rather than LIKE: SQLite's LIKE folds case, so it cannot use the (binary) index; a range can.
        var name = SearchKeys.Name(term);
        var after = name + char.MaxValue;
        return name.Length == 0
            ? requests.Where(_ => false)
            : requests.Where(r => r.LastNameKey.CompareTo(name) >= 0 && r.LastNameKey.CompareTo(after) < 0);
    }

    [GeneratedRegex(@"^[A-Za-z]{2}-[A-Za-z0-9]{5}$")]
    private static partial Regex ReferencePattern();

    /// <summary>At least seven digits, with only what people write between them.</summary>
    [GeneratedRegex(@"^\+?[\d\s().\-]*(\d[\s().\-]*){7,}$")]
    private static partial Regex PhonePattern();
}
