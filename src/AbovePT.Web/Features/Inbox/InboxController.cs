using AbovePT.Web.Clinic;
using AbovePT.Web.Data;
using AbovePT.Web.Features.Appointments.Delivery;
using AbovePT.Web.Features.Staff;
using AbovePT.Web.Hosting.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AbovePT.Web.Features.Inbox;

/// <summary>
/// The front desk's request inbox at <c>/staff/requests</c>: a person's clinics' requests by status, a search
/// (a POST: the term is never in a URL), each request's page with everything the patient sent, its e-mails and
/// its timeline, and the moves that work it. A request of a clinic the person does not serve is a 404.
/// Every view of a request and every change is written to the audit trail with the change itself.
/// </summary>
[Route("staff/requests")]
[Authorize(Policy = StaffSignIn.Policy)]
[ResponseCache(CacheProfileName = CacheProfiles.NoStore)]
[StaffPrivate]
public sealed class InboxController(
    ClinicDbContext db,
    UserManager<StaffUser> users,
    StaffAudit audit,
    DeliverySignal mailSignal,
    IOptions<ClinicOptions> clinic,
    IOptions<InboxOptions> options,
    TimeProvider time) : Controller
{
    /// <summary>Rows on one page; the page says when there are more, and a filter or a search narrows them.</summary>
    internal const int PageSize = 100;

    [HttpGet("")]
    public async Task<IActionResult> List(string? location, string? status)
    {
        var staff = await StaffAsync();
        if (!TryFilter(staff, location, status, out var filter))
        {
            return NotFound();
        }

        return View(await ListPageAsync(staff, filter, term: null));
    }

    [HttpPost("search")]
    [ValidateAntiForgeryToken]
    public async Task<IActionResult> Search(InboxSearchForm form)
    {
        var term = form.Term;
        var staff = await StaffAsync();
        var filter = new InboxFilter(null, null);
        if (string.IsNullOrWhiteSpace(term) || term.Length > 100)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(nameof(List), await ListPageAsync(staff, new InboxFilter(null, RequestStatus.New), term: null,
                problem: "Type a reference (QC-7K3Q9), a phone number or a last name to search for."));
        }

        return View(nameof(List), await ListPageAsync(staff, filter, term.Trim()));
    }

    [HttpGet("export")]
    [Authorize(Policy = StaffSignIn.AdminPolicy)]
    public async Task<IActionResult> Export(string? location, string? status)
    {
        var staff = await StaffAsync();
        if (!TryFilter(staff, location, status, out var filter))
        {
            return NotFound();
        }

        var requests = await Filtered(staff, filter).OrderBy(r => r.ReceivedAtUtc).Include(r => r.FollowUp).ToListAsync();
        audit.Add(StaffEvent.RequestsExported, staff.User.Email!, ClientAddress,
            $"{requests.Count} rows; {filter.Location ?? "all clinics"}, {(filter.Status is { } s ? RequestFollowUp.Describe(s) : "all statuses")}");
        await db.SaveChangesAsync();
        var name = $"requests-{ArizonaTime.Today(time):yyyy-MM-dd}.csv";
        return File(InboxCsv.Write(requests, clinic.Value), "text/csv; charset=utf-8", name);
    }

    [HttpGet("{reference}")]
    public async Task<IActionResult> Details(string reference)
    {
        var staff = await StaffAsync();
        if (await FindAsync(staff, reference, tracked: false) is not { } request)
        {
            return NotFound();
        }

        audit.Add(StaffEvent.RequestViewed, staff.User.Email!, ClientAddress, reference: request.Reference);
        await db.SaveChangesAsync();
        return View(await DetailsPageAsync(staff, request));
    }

    [HttpPost("{reference}/claim")]
    [ValidateAntiForgeryToken]
    public Task<IActionResult> Claim(string reference) =>
        MoveAsync(reference, expectedVersion: null, StaffEvent.RequestClaimed, "claimed", (followUp, by, now) => followUp.Claim(by, now));

    [HttpPost("{reference}/schedule")]
    [ValidateAntiForgeryToken]
    public Task<IActionResult> Schedule(string reference, int version, string? date, string? time)
    {
        var at = ParseArizona(date, time);
        return MoveAsync(reference, version, StaffEvent.RequestStatusChanged, "scheduled", (followUp, _, now) => at is { } utc
            ? followUp.Schedule(utc, now)
            : "Enter the visit's date and time (Arizona time).");
    }

    [HttpPost("{reference}/close")]
    [ValidateAntiForgeryToken]
    public Task<IActionResult> Close(string reference, InboxCloseForm form) =>
        MoveAsync(reference, form.Version, StaffEvent.RequestStatusChanged, form.Status is { } s ? RequestFollowUp.Describe(s) : "closed", (followUp, _, now) => form.Status is { } s
            ? followUp.Close(s, form.Reason, now)
            : "Choose how the request ended.");

    [HttpPost("{reference}/reopen")]
    [ValidateAntiForgeryToken]
    public Task<IActionResult> Reopen(string reference, int version) =>
        MoveAsync(reference, version, StaffEvent.RequestReopened, "reopened", (followUp, by, now) => followUp.Reopen(by, now));

    [HttpPost("{reference}/call")]
    [ValidateAntiForgeryToken]
    public Task<IActionResult> Call(string reference, int version, CallOutcome? outcome) =>
        MoveAsync(reference, version, StaffEvent.CallLogged, outcome is { } o ? InboxFormat.Outcome(o) : "call", (followUp, by, now) => outcome is { } o
            ? followUp.LogCall(o, by, now)
            : "Choose how the call went.");

    /// <summary>A note needs no version: it changes nothing anyone else could be changing.</summary>
    [HttpPost("{reference}/note")]
    [ValidateAntiForgeryToken]
    public Task<IActionResult> Note(string reference, InboxNoteForm form) =>
        MoveAsync(reference, expectedVersion: null, StaffEvent.NoteAdded, "note added", (followUp, by, now) => followUp.AddNote(form.Text ?? "", by, now));

    [HttpPost("{reference}/resend")]
    [Authorize(Policy = StaffSignIn.AdminPolicy)]
    [ValidateAntiForgeryToken]
    public async Task<IActionResult> Resend(string reference, string? mail)
    {
        var staff = await StaffAsync();
        if (await FindAsync(staff, reference, tracked: true) is not { } request)
        {
            return NotFound();
        }

        var (delivery, which) = mail == "patient" ? (request.PatientMail, "patient's confirmation") : (request.FrontDeskMail, "front-desk e-mail");
        if (!delivery.Requeue(time.GetUtcNow().UtcDateTime))
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(nameof(Details), await DetailsPageAsync(staff, request, problem: $"The {which} has not failed: there is nothing to send again."));
        }

        audit.Add(StaffEvent.MailResent, staff.User.Email!, ClientAddress, which, request.Reference);
        await db.SaveChangesAsync();
        mailSignal.Notify();
        return View(nameof(Details), await DetailsPageAsync(staff, request, done: $"The {which} is queued to be sent again."));
    }

    /// <summary>
    /// One move of a request's follow-up, with its audit row in the same save. <paramref name="expectedVersion"/> is
    /// the version the person's page showed: if the request changed since, nothing is changed and the page shows
    /// what it is now. Two saves at the same moment are told apart by the row's concurrency token.
    /// </summary>
    private async Task<IActionResult> MoveAsync(
        string reference, int? expectedVersion, StaffEvent what, string detail, Func<RequestFollowUp, StaffName, DateTime, string?> move)
    {
        var staff = await StaffAsync();
        if (await FindAsync(staff, reference, tracked: true) is not { } request)
        {
            return NotFound();
        }

        var followUp = request.FollowUp;
        if (expectedVersion is { } version && version != followUp.Version)
        {
            return await ConflictAsync(staff, request);
        }

        var by = new StaffName(staff.User.Email!, staff.User.DisplayName);
        if (move(followUp, by, time.GetUtcNow().UtcDateTime) is { } problem)
        {
            Response.StatusCode = followUp.Status == RequestStatus.InProgress && what == StaffEvent.RequestClaimed
                ? StatusCodes.Status409Conflict
                : StatusCodes.Status400BadRequest;
            return View(nameof(Details), await DetailsPageAsync(staff, request, problem: problem));
        }

        audit.Add(what, by.Email, ClientAddress, detail, request.Reference);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return await ConflictAsync(staff, (await FindAsync(staff, reference, tracked: false))!);
        }

        return View(nameof(Details), await DetailsPageAsync(staff, request, done: InboxFormat.Done(what, followUp)));
    }

    private async Task<IActionResult> ConflictAsync(InboxStaff staff, AppointmentRequest current)
    {
        Response.StatusCode = StatusCodes.Status409Conflict;
        var followUp = current.FollowUp;
        var problem = (followUp.ClaimedBy ?? $"Someone changed this request meanwhile (it is {RequestFollowUp.Describe(followUp.Status)} now).")
            + " Nothing was changed; this is the request as it is now.";
        return View(nameof(Details), await DetailsPageAsync(staff, current, problem: problem));
    }

    private async Task<InboxStaff> StaffAsync()
    {
        var user = (await users.GetUserAsync(User))!;
        var locations = clinic.Value.OrderedLocations.Where(l => StaffLocations.Serves(user, l.Id)).ToList();
        return new InboxStaff(user, locations, User.IsInRole(StaffRoles.Admin));
    }

    private IQueryable<AppointmentRequest> Filtered(InboxStaff staff, InboxFilter filter) =>
        db.AppointmentRequests.AsNoTracking()
            .At(filter.Location is { } one ? [one] : staff.LocationIds)
            .InStatus(filter.Status);

    private async Task<AppointmentRequest?> FindAsync(InboxStaff staff, string reference, bool tracked)
    {
        var requests = tracked ? db.AppointmentRequests : db.AppointmentRequests.AsNoTracking();
        var normalised = reference.Trim().ToUpperInvariant();
        return await requests.At(staff.LocationIds)
            .Include(r => r.FollowUp).ThenInclude(f => f.Calls)
            .Include(r => r.FollowUp).ThenInclude(f => f.Notes)
            .AsSplitQuery()
            .FirstOrDefaultAsync(r => r.Reference == normalised);
    }

    /// <summary>The filter from the query string; false for a clinic the person does not serve or an unknown status.</summary>
    private static bool TryFilter(InboxStaff staff, string? location, string? status, out InboxFilter filter)
    {
        filter = new InboxFilter(null, RequestStatus.New);
        if (!string.IsNullOrEmpty(location) && !staff.LocationIds.Contains(location))
        {
            return false;
        }

        RequestStatus? parsed = RequestStatus.New;
        if (status == "all")
        {
            parsed = null;
        }
        else if (!string.IsNullOrEmpty(status))
        {
            if (!Enum.TryParse<RequestStatus>(status, ignoreCase: true, out var value) || !Enum.IsDefined(value) || int.TryParse(status, out _))
            {
                return false;
            }

            parsed = value;
        }

        filter = new InboxFilter(string.IsNullOrEmpty(location) ? null : location, parsed);
        return true;
    }

    private async Task<InboxListPage> ListPageAsync(InboxStaff staff, InboxFilter filter, string? term, string? problem = null)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var query = term is null ? Filtered(staff, filter) : db.AppointmentRequests.AsNoTracking().At(staff.LocationIds).Matching(term);
        // The open ones oldest first (who has waited longest); closed ones newest first.
        var ordered = term is null && filter.Status is RequestStatus.New or RequestStatus.InProgress
            ? query.OrderBy(r => r.ReceivedAtUtc)
            : query.OrderByDescending(r => r.ReceivedAtUtc);
        var rows = await ordered.Take(PageSize + 1)
            .Select(r => new InboxRow(
                r.Reference, r.FirstName + " " + r.LastName, r.Phone, r.PhoneExtension, r.LocationId, r.ReceivedAtUtc,
                r.FollowUp.Status, r.FollowUp.HolderName, r.FollowUp.CallCount))
            .ToListAsync();
        var counts = await db.Set<RequestFollowUp>().AsNoTracking()
            .CountByStatusAsync(filter.Location is { } one ? [one] : staff.LocationIds);
        return new InboxListPage(
            rows.Take(PageSize).ToList(), rows.Count > PageSize, counts, staff, filter, term, problem, now, options.Value.AttentionAfter);
    }

    private async Task<InboxDetailsPage> DetailsPageAsync(InboxStaff staff, AppointmentRequest request, string? done = null, string? problem = null)
    {
        var timeline = await db.StaffAudit.AsNoTracking()
            .Where(a => a.Reference == request.Reference)
            .OrderByDescending(a => a.Id)
            .Take(200)
            .ToListAsync();
        var emails = timeline.Select(a => a.StaffEmail).Where(e => e is not null).Distinct().ToList();
        var names = await db.Users.AsNoTracking()
            .Where(u => emails.Contains(u.Email))
            .ToDictionaryAsync(u => u.Email!, u => u.DisplayName);
        return new InboxDetailsPage(
            request, clinic.Value.Find(request.LocationId)!, timeline, names, staff, done, problem, ArizonaTime.Today(time));
    }

    private static DateTime? ParseArizona(string? date, string? time) =>
        DateOnly.TryParseExact(date, "yyyy-MM-dd", out var day) && TimeOnly.TryParseExact(time, "HH:mm", out var clock)
            ? ArizonaTime.ToUtc(day, clock)
            : null;

    private string? ClientAddress => HttpContext.Connection.RemoteIpAddress?.ToString();
}

// What staff type goes in as a form object, not as a string argument: MVC's Trace log lists an action's
// arguments by their ToString(), which for these classes is their type name, never the term, reason or note.

public sealed class InboxSearchForm
{
    public string? Term { get; set; }
}

public sealed class InboxCloseForm
{
    public int Version { get; set; }

    public RequestStatus? Status { get; set; }

    public string? Reason { get; set; }
}

public sealed class InboxNoteForm
{
    public string? Text { get; set; }
}

/// <summary>The signed-in person as the inbox needs them: who, which clinics, whether an admin.</summary>
public sealed record InboxStaff(StaffUser User, IReadOnlyList<ClinicLocation> Locations, bool IsAdmin)
{
    public IReadOnlyList<string> LocationIds { get; } = [.. Locations.Select(l => l.Id)];
}

/// <summary>Which requests a list shows: one clinic or all the person serves; one status, or all (null).</summary>
public sealed record InboxFilter(string? Location, RequestStatus? Status);

public sealed record InboxRow(
    string Reference, string Name, string Phone, string? PhoneExtension, string LocationId, DateTime ReceivedAtUtc,
    RequestStatus Status, string? HolderName, int Calls);

public sealed record InboxListPage(
    List<InboxRow> Rows, bool More, Dictionary<RequestStatus, int> Counts, InboxStaff Staff, InboxFilter Filter,
    string? Term, string? Problem, DateTime NowUtc, TimeSpan AttentionAfter);

public sealed record InboxDetailsPage(
    AppointmentRequest Request, ClinicLocation Location, List<StaffAuditEntry> Timeline, Dictionary<string, string> Names,
    InboxStaff Staff, string? Done, string? Problem, DateOnly Today);
