using System.Security.Cryptography;
using AbovePT.Web.Clinic;
using AbovePT.Web.Data;
using AbovePT.Web.Email;
using AbovePT.Web.Hosting.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AbovePT.Web.Features.Appointments;

[Route("appointments")]
[RejectedAntiforgeryPage]
public sealed partial class AppointmentsController(
    ClinicDbContext db,
    FormTokens tokens,
    MailSignal mailSignal,
    IOptions<ClinicOptions> clinicOptions,
    IOptions<AppointmentOptions> appointmentOptions,
    TimeProvider time,
    ILogger<AppointmentsController> logger) : Controller
{
    public const string PostRateLimitPolicy = "appointment-posts";

    /// <summary>Letters and digits nobody misreads on the phone: no 0/O, 1/I/L, 5/S, 8/B, 2/Z.</summary>
    private const string ReferenceAlphabet = "34679ACDEFGHJKMNPQRTUVWXY";

    private ClinicOptions Clinic => clinicOptions.Value;

    [HttpGet("request")]
    [ResponseCache(CacheProfileName = CacheProfiles.NoStore)]
    public IActionResult Form(string? location, string? from)
    {
        var form = new AppointmentForm
        {
            Location = Clinic.Find(location)?.Id,
            ContactMethod = "phone",
            SourceArticle = AppointmentFormValidator.Slug(from),
            FormToken = tokens.IssueForm(),
        };
        return View("Form", FormPage(form));
    }

    [HttpPost("request")]
    [AppointmentBodyLimit]
    [ValidateAntiForgeryToken]
    [EnableRateLimiting(PostRateLimitPolicy)]
    [ResponseCache(CacheProfileName = CacheProfiles.NoStore)]
    public async Task<IActionResult> Submit(AppointmentForm form, CancellationToken cancellationToken)
    {
        var ticket = tokens.ReadForm(form.FormToken);
        var now = time.GetUtcNow();
        if (!string.IsNullOrEmpty(form.Homepage) || ticket is null
            || now - ticket.RenderedAt < TimeSpan.FromSeconds(appointmentOptions.Value.MinimumFillSeconds))
        {
            // A bot learns nothing; a person who somehow got here still sees both phone numbers.
            LogDroppedAsBot(logger, ticket is null ? "form token" : !string.IsNullOrEmpty(form.Homepage) ? "honeypot" : "fill time");
            return View("Received", new ReceivedPage(null, null, null, false));
        }

        foreach (var (field, message) in AppointmentFormValidator.Validate(form, Clinic, ArizonaTime.Today(time)))
        {
            ModelState.AddModelError(field, message);
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("Form", FormPage(form));
        }

        var existing = await FindBySubmissionAsync(ticket.SubmissionId, cancellationToken);
        if (existing is not null)
        {
            return Confirmation(existing.Value);
        }

        var request = AppointmentFormValidator.ToRequest(form, NewReference(form.Location!), ticket.SubmissionId, now.UtcDateTime);
        db.AppointmentRequests.Add(request);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                break;
            }
            catch (DbUpdateException exception) when (IsUniqueViolation(exception, nameof(AppointmentRequest.Reference)) && attempt < 5)
            {
                request.Reference = NewReference(request.LocationId);
            }
            catch (DbUpdateException exception) when (IsUniqueViolation(exception, nameof(AppointmentRequest.SubmissionId)))
            {
                // The same form posted twice at once: the other post stored it.
                db.ChangeTracker.Clear();
                var stored = await FindBySubmissionAsync(ticket.SubmissionId, cancellationToken);
                return Confirmation(stored ?? throw new InvalidOperationException("Duplicate submission vanished.", exception));
            }
        }

        // Only after the commit: the dispatcher must find the row when it wakes.
        mailSignal.Notify();
        LogStored(logger, request.Id, request.LocationId);
        return Confirmation(request.Id);
    }

    [HttpGet("request/received")]
    [ResponseCache(CacheProfileName = CacheProfiles.NoStore)]
    public async Task<IActionResult> Received(string? ticket, CancellationToken cancellationToken)
    {
        if (tokens.ReadConfirmation(ticket) is not { } id)
        {
            return NotFound();
        }

        var request = await db.AppointmentRequests.AsNoTracking()
            .Where(r => r.Id == id)
            .Select(r => new { r.Reference, r.LocationId, r.ContactMethod, HasEmail = r.Email != null })
            .FirstOrDefaultAsync(cancellationToken);
        if (request is null)
        {
            return NotFound();
        }

        return View("Received", new ReceivedPage(
            request.Reference,
            Clinic.Find(request.LocationId),
            AppointmentChoices.Label(AppointmentChoices.ContactMethods, request.ContactMethod),
            request.HasEmail));
    }

    private AppointmentFormPage FormPage(AppointmentForm form) =>
        new(form, ModelState, Clinic.OrderedLocations.ToList(), ArizonaTime.Today(time));

    private async Task<int?> FindBySubmissionAsync(Guid submissionId, CancellationToken cancellationToken) =>
        await db.AppointmentRequests.AsNoTracking()
            .Where(r => r.SubmissionId == submissionId)
            .Select(r => (int?)r.Id)
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>Post/Redirect/Get: a refresh of the confirmation is a harmless GET.</summary>
    private StatusCodeResult Confirmation(int requestId)
    {
        var url = Url.Action(nameof(Received), new { ticket = tokens.IssueConfirmation(requestId) })!;
        Response.Headers.Location = url;
        return StatusCode(StatusCodes.Status303SeeOther);
    }

    private string NewReference(string locationId) =>
        $"{Clinic.Find(locationId)!.Code}-{RandomNumberGenerator.GetString(ReferenceAlphabet, 5)}";

    private static bool IsUniqueViolation(DbUpdateException exception, string column) =>
        exception.InnerException is SqliteException { SqliteErrorCode: 19 } sqlite
        && sqlite.Message.Contains($".{column}", StringComparison.Ordinal);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stored appointment request {RequestId} for {LocationId}")]
    private static partial void LogStored(ILogger logger, int requestId, string locationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dropped an appointment post as automated ({Signal})")]
    private static partial void LogDroppedAsBot(ILogger logger, string signal);
}
