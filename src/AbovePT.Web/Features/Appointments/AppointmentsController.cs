using System.Security.Cryptography;
using AbovePT.Web.Clinic;
using AbovePT.Web.Data;
using AbovePT.Web.Features.Appointments.Delivery;
using AbovePT.Web.Hosting.Languages;
using AbovePT.Web.Hosting.Security;
using AbovePT.Web.Operations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace AbovePT.Web.Features.Appointments;

[RejectedAntiforgeryPage]
[RequiresDatabase]
public sealed partial class AppointmentsController(
    ClinicDbContext db,
    FormTokens tokens,
    DeliverySignal deliverySignal,
    IOptions<ClinicOptions> clinicOptions,
    IOptions<AppointmentOptions> appointmentOptions,
    TimeProvider time,
    IStringLocalizer<AppointmentText> text,
    ILogger<AppointmentsController> logger) : Controller
{
    public const string PostRateLimitPolicy = "appointment-posts";

    private const string FormRoute = "appointment-form";
    private const string ReceivedRoute = "appointment-received";

    /// <summary>Letters and digits nobody misreads on the phone: no 0/O, 1/I/L, 5/S, 8/B, 2/Z.</summary>
    private const string ReferenceAlphabet = "34679ACDEFGHJKMNPQRTUVWXY";

    private ClinicOptions Clinic => clinicOptions.Value;

    [HttpGet(PatientRoutes.AppointmentForm, Name = FormRoute)]
    [HttpGet(PatientRoutes.AppointmentFormEs, Name = FormRoute + PageAddresses.SpanishSuffix, Order = 1)]
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

    [HttpPost(PatientRoutes.AppointmentForm)]
    [HttpPost(PatientRoutes.AppointmentFormEs, Order = 1)]
    [AppointmentBodyLimit]
    [ValidateAntiForgeryToken]
    [EnableRateLimiting(PostRateLimitPolicy)]
    [ResponseCache(CacheProfileName = CacheProfiles.NoStore)]
    public async Task<IActionResult> Submit(AppointmentForm form, CancellationToken cancellationToken)
    {
        var ticket = tokens.ReadForm(form.FormToken);
        var now = time.GetUtcNow();
        foreach (var (field, message) in AppointmentFormValidator.Validate(form, Clinic, ArizonaTime.Today(time), text))
        {
            ModelState.AddModelError(field, message);
        }

        if (AutomatedSignal(form, ticket, now) is { } signal)
        {
            // Autofill and password managers can trip these too, so a person must never be told "received" for a
            // post that was not stored: the form comes back with what they typed and a fresh ticket. A bot learns
            // only that its post was not taken, the same for every signal.
            LogDroppedAsAutomated(logger, signal);
            ModelState.AddModelError(AppointmentFormPage.FormError, text["Automated"]);
            form.FormToken = tokens.IssueForm();
            form.Homepage = null;
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("Form", FormPage(form));
        }

        var submissionId = ticket!.SubmissionId;

        var existing = await FindBySubmissionAsync(submissionId, cancellationToken);
        if (existing is not null)
        {
            return Confirmation(existing.Value);
        }

        var request = AppointmentFormValidator.ToRequest(form, NewReference(form.Location!), submissionId, now.UtcDateTime, RequestLanguage.Of(System.Globalization.CultureInfo.CurrentUICulture));
        db.AppointmentRequests.Add(request);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                break;
            }
            catch (DbUpdateException exception) when (ClinicStore.IsUniqueViolation(exception, nameof(AppointmentRequest.Reference)) && attempt < 5)
            {
                request.Reference = NewReference(request.LocationId);
            }
            catch (DbUpdateException exception) when (ClinicStore.IsUniqueViolation(exception, nameof(AppointmentRequest.SubmissionId)))
            {
                // The same form posted twice at once: the other post stored it.
                db.ChangeTracker.Clear();
                var stored = await FindBySubmissionAsync(submissionId, cancellationToken);
                return Confirmation(stored ?? throw new InvalidOperationException("Duplicate submission vanished.", exception));
            }
        }

        // Only after the commit: the dispatcher must find the row when it wakes.
        deliverySignal.Notify();
        LogStored(logger, request.Id, request.LocationId);
        return Confirmation(request.Id);
    }

    [HttpGet(PatientRoutes.AppointmentReceived, Name = ReceivedRoute)]
    [HttpGet(PatientRoutes.AppointmentReceivedEs, Name = ReceivedRoute + PageAddresses.SpanishSuffix, Order = 1)]
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
            text[$"{nameof(AppointmentForm.ContactMethod)}.{request.ContactMethod}"],
            request.HasEmail));
    }

    private AppointmentFormPage FormPage(AppointmentForm form) =>
        new(form, ModelState, Clinic.OrderedLocations.ToList(), ArizonaTime.Today(time));

    private async Task<int?> FindBySubmissionAsync(Guid submissionId, CancellationToken cancellationToken) =>
        await db.AppointmentRequests.AsNoTracking()
            .Where(r => r.SubmissionId == submissionId)
            .Select(r => (int?)r.Id)
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>Post/Redirect/Get: a refresh of the confirmation is a harmless GET, in the language of the form.</summary>
    private StatusCodeResult Confirmation(int requestId)
    {
        var route = SiteLanguages.IsSpanish ? ReceivedRoute + PageAddresses.SpanishSuffix : ReceivedRoute;
        var url = Url.RouteUrl(route, new { ticket = tokens.IssueConfirmation(requestId) })!;
        Response.Headers.Location = url;
        return StatusCode(StatusCodes.Status303SeeOther);
    }

    private string NewReference(string locationId) =>
        $"{Clinic.Find(locationId)!.Code}-{RandomNumberGenerator.GetString(ReferenceAlphabet, 5)}";

    /// <summary>Which sign of an automated post this one shows, if any: no valid ticket, the honeypot, or too quick.</summary>
    private string? AutomatedSignal(AppointmentForm form, FormTicket? ticket, DateTimeOffset now) =>
        ticket is null ? "form token"
        : !string.IsNullOrEmpty(form.Homepage) ? "honeypot"
        : now - ticket.RenderedAt < TimeSpan.FromSeconds(appointmentOptions.Value.MinimumFillSeconds) ? "fill time"
        : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "Stored appointment request {RequestId} for {LocationId}")]
    private static partial void LogStored(ILogger logger, int requestId, string locationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Appointment post not stored: it looked automated ({Signal}); the form was shown again")]
    private static partial void LogDroppedAsAutomated(ILogger logger, string signal);
}
