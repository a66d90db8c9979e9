using System.Net.Sockets;
using AbovePT.Web.Clinic;
using AbovePT.Web.Data;
using MailKit;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace AbovePT.Web.Email;

/// <summary>
/// Sends every e-mail that is due, off the request thread. Requests are stored first with their e-mails
/// pending, so nothing is lost while the mail server is down: transient failures (no connection,
/// timeouts, 4xx replies) are retried with a doubling delay; a 5xx reply marks that e-mail failed and is
/// logged as an error. On start it picks up whatever an earlier run left pending.
/// </summary>
internal sealed partial class MailDispatcher(
    IServiceScopeFactory scopes,
    IMailTransport transport,
    MailSignal signal,
    IOptions<MailOptions> mailOptions,
    IOptions<ClinicOptions> clinicOptions,
    TimeProvider time,
    ILogger<MailDispatcher> logger) : BackgroundService
{
    private const int BatchSize = 20;

    /// <summary>How long to wait before looking again after the database itself failed.</summary>
    private static readonly TimeSpan AfterUnexpectedError = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The longest the dispatcher sleeps, even with nothing due: the administrator's
    /// <c>requests resend-failed</c> runs in another process and cannot wake this one.
    /// </summary>
    private static readonly TimeSpan LookAgainAtLeastEvery = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await RetryPendingNowAsync(stoppingToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogDispatchFailed(logger, exception.GetType().Name);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                wait = await DeliverDueAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogDispatchFailed(logger, exception.GetType().Name);
                wait = AfterUnexpectedError;
            }

            if (wait > TimeSpan.Zero)
            {
                var capped = wait == Timeout.InfiniteTimeSpan || wait > LookAgainAtLeastEvery ? LookAgainAtLeastEvery : wait;
                await signal.WaitAsync(capped, time, stoppingToken);
            }
        }
    }

    /// <summary>
    /// A restart is often the fix (a corrected setting, a mail server back up), so whatever an earlier run
    /// left pending is tried again at once rather than after its back-off.
    /// </summary>
    private async Task RetryPendingNowAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClinicDbContext>();
        var now = time.GetUtcNow().UtcDateTime;
        var pending = await db.AppointmentRequests
            .Where(r => r.FrontDeskMail.Status == DeliveryStatus.Pending || r.PatientMail.Status == DeliveryStatus.Pending)
            .ToListAsync(cancellationToken);
        foreach (var delivery in pending.SelectMany(r => new[] { r.FrontDeskMail, r.PatientMail }).Where(d => d.Status == DeliveryStatus.Pending))
        {
            delivery.NextAttemptAtUtc = now;
        }

        await db.SaveChangesAsync(cancellationToken);
        if (pending.Count > 0)
        {
            LogPickedUp(logger, pending.Count);
        }
    }

    /// <summary>Sends one batch of due e-mails; returns how long nothing else is due.</summary>
    private async Task<TimeSpan> DeliverDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClinicDbContext>();
        var now = time.GetUtcNow().UtcDateTime;

        // The patient's confirmation waits for the front desk's e-mail: the clinic must know first.
        var due = await db.AppointmentRequests
            .Where(r => (r.FrontDeskMail.Status == DeliveryStatus.Pending && r.FrontDeskMail.NextAttemptAtUtc <= now)
                     || (r.PatientMail.Status == DeliveryStatus.Pending && r.PatientMail.NextAttemptAtUtc <= now
                         && r.FrontDeskMail.Status != DeliveryStatus.Pending))
            .OrderBy(r => r.Id)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);

        foreach (var request in due)
        {
            if (request.FrontDeskMail.IsDue(now))
            {
                await DeliverAsync(request, "front-desk", request.FrontDeskMail, AppointmentEmails.FrontDesk, cancellationToken);
            }

            if (request.PatientMail.IsDue(now) && request.FrontDeskMail.Status != DeliveryStatus.Pending)
            {
                await DeliverAsync(request, "confirmation", request.PatientMail, AppointmentEmails.PatientConfirmation, cancellationToken);
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        if (due.Count == BatchSize)
        {
            return TimeSpan.Zero;
        }

        var nextFrontDesk = await db.AppointmentRequests
            .Where(r => r.FrontDeskMail.Status == DeliveryStatus.Pending)
            .MinAsync(r => r.FrontDeskMail.NextAttemptAtUtc, cancellationToken);
        var nextPatient = await db.AppointmentRequests
            .Where(r => r.PatientMail.Status == DeliveryStatus.Pending && r.FrontDeskMail.Status != DeliveryStatus.Pending)
            .MinAsync(r => r.PatientMail.NextAttemptAtUtc, cancellationToken);
        var next = new[] { nextFrontDesk, nextPatient }.Where(d => d is not null).Min();
        if (next is null)
        {
            return Timeout.InfiniteTimeSpan;
        }

        var wait = next.Value - time.GetUtcNow().UtcDateTime;
        return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }

    private async Task DeliverAsync(
        AppointmentRequest request,
        string kind,
        MailDelivery delivery,
        Func<AppointmentRequest, ClinicLocation, MailboxAddress, MimeMessage> build,
        CancellationToken cancellationToken)
    {
        try
        {
            var location = clinicOptions.Value.Find(request.LocationId)
                ?? throw new InvalidOperationException($"Location '{request.LocationId}' is not configured.");
            await transport.SendAsync(build(request, location, mailOptions.Value.ParseSender()), cancellationToken);
            delivery.MarkSent(time.GetUtcNow().UtcDateTime);
            LogSent(logger, request.Id, request.LocationId, kind, delivery.Attempts);
        }
        catch (SmtpCommandException refused) when ((int)refused.StatusCode >= 500)
        {
            delivery.MarkFailed(Describe(refused));
            LogRefused(logger, request.Id, request.LocationId, kind, (int)refused.StatusCode, refused.ErrorCode.ToString());
        }
        catch (Exception exception) when (IsTransient(exception, cancellationToken))
        {
            var retryAt = ScheduleRetry(delivery, exception);
            LogRetryScheduled(logger, request.Id, request.LocationId, kind, delivery.Attempts, retryAt, Summary(exception));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A fault of ours (e.g. a location removed from configuration): keep the request, move it out of
            // the way of the others, and say so loudly. A fix and a restart sends it.
            var retryAt = ScheduleRetry(delivery, exception);
            LogUnexpectedFailure(logger, request.Id, request.LocationId, kind, delivery.Attempts, retryAt, exception.GetType().Name);
        }
    }

    private DateTime ScheduleRetry(MailDelivery delivery, Exception exception)
    {
        var retryAt = time.GetUtcNow().UtcDateTime + RetryDelay(delivery.Attempts + 1);
        delivery.ScheduleRetry(retryAt, Describe(exception));
        return retryAt;
    }

    /// <summary>30 s, 1 min, 2 min, … up to the configured maximum (defaults; tests shorten them).</summary>
    private TimeSpan RetryDelay(int attempt)
    {
        var options = mailOptions.Value;
        var factor = Math.Pow(2, Math.Min(attempt - 1, 20));
        var delay = TimeSpan.FromTicks((long)Math.Min(options.RetryDelay.Ticks * factor, options.MaxRetryDelay.Ticks));
        return delay;
    }

    private static bool IsTransient(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        OperationCanceledException when cancellationToken.IsCancellationRequested => false,
        SmtpCommandException or SmtpProtocolException or ServiceNotConnectedException or ServiceNotAuthenticatedException => true,
        MailKit.Security.AuthenticationException or MailKit.Security.SslHandshakeException => true,
        IOException or SocketException or TimeoutException or OperationCanceledException => true,
        _ => false,
    };

    /// <summary>The full reply, for the database row only: it can quote the patient's address.</summary>
    private static string Describe(Exception exception) => exception is SmtpCommandException smtp
        ? $"SMTP {(int)smtp.StatusCode} {smtp.ErrorCode}: {smtp.Message}"
        : $"{exception.GetType().Name}: {exception.Message}";

    /// <summary>What the logs get: the kind of failure and the SMTP code, never the server's words.</summary>
    private static string Summary(Exception exception) => exception switch
    {
        SmtpCommandException smtp => $"SMTP {(int)smtp.StatusCode} {smtp.ErrorCode}",
        SocketException socket => $"{nameof(SocketException)} {socket.SocketErrorCode}",
        _ => exception.GetType().Name,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent {Kind} e-mail for request {RequestId} at {LocationId} (attempt {Attempt})")]
    private static partial void LogSent(ILogger logger, int requestId, string locationId, string kind, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not send {Kind} e-mail for request {RequestId} at {LocationId} (attempt {Attempt}: {Failure}); retrying at {RetryAtUtc:u}")]
    private static partial void LogRetryScheduled(ILogger logger, int requestId, string locationId, string kind, int attempt, DateTime retryAtUtc, string failure);

    [LoggerMessage(Level = LogLevel.Error, Message = "Mail server refused {Kind} e-mail for request {RequestId} at {LocationId} with {SmtpStatus} {SmtpError}; marked failed, it will not be retried")]
    private static partial void LogRefused(ILogger logger, int requestId, string locationId, string kind, int smtpStatus, string smtpError);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not build or send {Kind} e-mail for request {RequestId} at {LocationId} (attempt {Attempt}: {ExceptionType}); retrying at {RetryAtUtc:u}")]
    private static partial void LogUnexpectedFailure(ILogger logger, int requestId, string locationId, string kind, int attempt, DateTime retryAtUtc, string exceptionType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Found {Count} requests with e-mail still pending from an earlier run; sending now")]
    private static partial void LogPickedUp(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Mail dispatcher failed ({ExceptionType}); looking again shortly")]
    private static partial void LogDispatchFailed(ILogger logger, string exceptionType);
}
