using System.Collections.Concurrent;
using AbovePT.Web.Clinic;
using AbovePT.Web.Data;
using AbovePT.Web.Email;
using AbovePT.Web.Features.Inbox;
using AbovePT.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace AbovePT.Web.Features.Appointments.Delivery;

/// <summary>
/// Sends every e-mail that is due, off the request thread: every due front-desk e-mail of the whole queue first,
/// then the patients' confirmations (each only once its front desk's e-mail went out), stopping the confirmations
/// as soon as a new request arrives, whose front desk then goes first. Up to <see cref="MailOptions.MaxConnections"/>
/// sessions send at once, each a burst of messages over one connection, within
/// <see cref="MailOptions.MaxMessagesPerMinute"/>. Transient failures are retried with a doubling delay; a 5xx
/// reply marks the e-mail failed and is logged as an error. What an earlier run left is made due at start-up, before
/// anything is sent (<see cref="MailResumption"/>).
/// </summary>
/// <remarks>
/// No e-mail is ever sent twice because its own bookkeeping could not be written: the attempt is claimed (saved,
/// with this instance's lease) before the message is handed over and nothing is sent if that fails; an outcome
/// that cannot be saved (a full disk) is kept here and saved before anything new is sent. Each e-mail is taken by
/// one session of one instance only (<see cref="ClinicStore.ClaimNextAsync"/>), and its outcome is recorded only
/// while this instance still holds its lease.
/// </remarks>
internal sealed partial class AppointmentMailDispatcher(
    IServiceScopeFactory scopes,
    ClinicStore store,
    IMailTransport transport,
    MailRateLimit rate,
    DeliverySignal signal,
    DatabaseStatus database,
    IOptions<MailOptions> mailOptions,
    IOptions<ClinicOptions> clinicOptions,
    IOptions<SiteOptions> siteOptions,
    TimeProvider time,
    ILogger<AppointmentMailDispatcher> logger) : BackgroundService
{
    /// <summary>This instance, as the owner of the leases it takes; a restart is a new owner.</summary>
    private readonly string _instance =
        $"{Environment.MachineName[..Math.Min(20, Environment.MachineName.Length)]}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <summary>
    /// The longest the dispatcher sleeps, even with nothing due: the administrator's
    /// <c>requests resend-failed</c> runs in another process and cannot wake this one.
    /// </summary>
    private static readonly TimeSpan LookAgainAtLeastEvery = TimeSpan.FromMinutes(1);

    /// <summary>Outcomes of sends that happened but could not be saved yet, oldest first; guarded by <see cref="_bookkeeping"/>.</summary>
    private readonly List<Outcome> _unsaved = [];

    private readonly SemaphoreSlim _bookkeeping = new(1, 1);

    /// <summary>Open sessions between two messages of a burst; closed when nothing more is due.</summary>
    private readonly ConcurrentBag<IMailSession> _idleSessions = [];

    /// <summary>What became of one attempt, to be applied to its row.</summary>
    private sealed record Outcome(int RequestId, MailKind Kind, bool Sent, Action<MailDelivery> Apply);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                // What an earlier run left was made due before the database was called ready (MailResumption).
                await database.WhenReadyAsync(stoppingToken);
                wait = await SaveUnsavedAsync(stoppingToken) ? await DeliverDueAsync(stoppingToken) : AfterStorageFault;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogDispatchFailed(logger, ClinicStore.FaultOf(exception)?.Problem ?? exception.GetType().Name);
                wait = AfterStorageFault;
            }

            // Timeout.InfiniteTimeSpan (nothing pending) is negative: it must wait too, not loop at once.
            if (wait != TimeSpan.Zero)
            {
                // The burst is over: a connection left idle would only be dropped by the server.
                await CloseSessionsAsync();
                var capped = wait == Timeout.InfiniteTimeSpan || wait > LookAgainAtLeastEvery ? LookAgainAtLeastEvery : wait;
                await signal.WaitAsync(capped, time, stoppingToken);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await CloseSessionsAsync();
    }

    public override void Dispose()
    {
        _bookkeeping.Dispose();
        base.Dispose();
    }

    private async Task CloseSessionsAsync()
    {
        while (_idleSessions.TryTake(out var session))
        {
            await session.DisposeAsync();
        }
    }

    /// <summary>How long to wait after the database refused a write; short in tests.</summary>
    private TimeSpan AfterStorageFault => mailOptions.Value.RetryDelay;

    /// <summary>Sends what is due, front desks first; returns how long nothing else is due.</summary>
    private async Task<TimeSpan> DeliverDueAsync(CancellationToken cancellationToken)
    {
        // Whatever was announced until now is about to be read; a notification from here on is news.
        signal.Reset();
        var result = await SendAllAsync(MailKind.FrontDesk, cancellationToken);
        if (result == Pass.StorageFault)
        {
            return AfterStorageFault;
        }

        result = await SendAllAsync(MailKind.Confirmation, cancellationToken);
        if (result != Pass.Done)
        {
            return result == Pass.StorageFault ? AfterStorageFault : TimeSpan.Zero;
        }

        await using var scope = scopes.CreateAsyncScope();
        var next = await scope.ServiceProvider.GetRequiredService<ClinicDbContext>().AppointmentRequests
            .NextAttempts().MinAsync(cancellationToken);
        if (next is null)
        {
            return Timeout.InfiniteTimeSpan;
        }

        var wait = next.Value - time.GetUtcNow().UtcDateTime;
        return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }

    private enum Pass
    {
        Done,

        /// <summary>A new request arrived during the confirmations: its front desk goes first.</summary>
        Interrupted,

        /// <summary>The database refused our bookkeeping: send nothing more until it takes it again.</summary>
        StorageFault,
    }

    private async Task<bool> AnyDueAsync(MailKind kind, CancellationToken cancellationToken) =>
        await DueCountAsync(kind, atMost: 1, cancellationToken) > 0;

    /// <summary>How many e-mails of <paramref name="kind"/> are due, up to <paramref name="atMost"/>: how many sessions to start.</summary>
    private async Task<int> DueCountAsync(MailKind kind, int atMost, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var requests = scope.ServiceProvider.GetRequiredService<ClinicDbContext>().AppointmentRequests.AsNoTracking();
        var now = time.GetUtcNow().UtcDateTime;
        var due = kind == MailKind.FrontDesk ? requests.FrontDeskDue(now) : requests.ConfirmationDue(now);
        return await due.OrderBy(r => r.Id).Take(atMost).CountAsync(cancellationToken);
    }

    /// <summary>
    /// Sends every due e-mail of <paramref name="kind"/> over up to <see cref="MailOptions.MaxConnections"/> sessions at
    /// once, oldest first, each session claiming its next e-mail as it finishes one, so e-mails that fall due meanwhile
    /// (patients who press Send while earlier e-mails are on their way) are taken in too. A front-desk pass starts
    /// another session at once when one arrives and a connection is free: none waits for the pass to end.
    /// </summary>
    private async Task<Pass> SendAllAsync(MailKind kind, CancellationToken cancellationToken)
    {
        var outcome = (int)Pass.Done;
        var nothingDue = false;
        async Task SenderAsync()
        {
            var session = _idleSessions.TryTake(out var idle) ? idle : null;
            try
            {
                while (Volatile.Read(ref outcome) == (int)Pass.Done)
                {
                    if (kind == MailKind.Confirmation && signal.IsSet)
                    {
                        Interlocked.CompareExchange(ref outcome, (int)Pass.Interrupted, (int)Pass.Done);
                        break;
                    }

                    // A turn under the provider's limit is taken only for an e-mail that is there to send.
                    if (!await AnyDueAsync(kind, cancellationToken))
                    {
                        nothingDue = true;
                        break;
                    }

                    await rate.WaitTurnAsync(cancellationToken);
                    var (result, next) = await DeliverNextAsync(kind, session, cancellationToken);
                    session = next;
                    if (result == Attempt.NothingDue)
                    {
                        nothingDue = true;
                        break;
                    }

                    if (result == Attempt.NotRecorded)
                    {
                        Interlocked.CompareExchange(ref outcome, (int)Pass.StorageFault, (int)Pass.Done);
                    }
                }
            }
            finally
            {
                if (session is not null)
                {
                    _idleSessions.Add(session);
                }
            }
        }

        var senders = new List<Task>();
        var wanted = await DueCountAsync(kind, mailOptions.Value.MaxConnections, cancellationToken);
        while (true)
        {
            var running = senders.Count(sender => !sender.IsCompleted);
            while (running < wanted && Volatile.Read(ref outcome) == (int)Pass.Done && !senders.Any(sender => sender.IsFaulted))
            {
                senders.Add(SenderAsync());
                running++;
            }

            // Once a session found nothing left, the others end with their current message.
            wanted = nothingDue ? 0 : wanted;
            var busy = senders.Where(sender => !sender.IsCompleted).ToList();
            if (busy.Count == 0)
            {
                break;
            }

            if (kind != MailKind.FrontDesk || Volatile.Read(ref outcome) != (int)Pass.Done)
            {
                await Task.WhenAny(busy);
                continue;
            }

            using var stopWaiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var arrival = signal.WaitForNotificationAsync(stopWaiting.Token);
            var first = await Task.WhenAny(busy.Append(arrival));
            await stopWaiting.CancelAsync();
            if (first == arrival && arrival.IsCompletedSuccessfully)
            {
                // What the notification announced is about to be claimed; one from here on is news again.
                signal.Reset();
                nothingDue = false;
                wanted = mailOptions.Value.MaxConnections;
            }
        }

        await Task.WhenAll(senders);
        return (Pass)outcome;
    }

    private enum Attempt
    {
        /// <summary>Sent, refused or put off, and recorded.</summary>
        Recorded,

        /// <summary>The database refused the claim or the outcome: send nothing more until it takes writes again.</summary>
        NotRecorded,

        NothingDue,
    }

    /// <summary>
    /// Claims the oldest due e-mail of <paramref name="kind"/> and makes one attempt at it over
    /// <paramref name="session"/> (opened here when null). Returns how it went, and the session to send the next
    /// message with (null once a failure spent it).
    /// </summary>
    private async Task<(Attempt Result, IMailSession? Session)> DeliverNextAsync(MailKind kind, IMailSession? session, CancellationToken cancellationToken)
    {
        if (!await SaveUnsavedAsync(cancellationToken))
        {
            return (Attempt.NotRecorded, session);
        }

        AppointmentRequest request;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ClinicDbContext>();
            var now = time.GetUtcNow().UtcDateTime;
            int? claimed;
            try
            {
                claimed = await store.ClaimNextAsync(db, kind, _instance, now, now + Lease, cancellationToken);
            }
            catch (Exception exception) when (ClinicStore.FaultOf(exception) is { } fault)
            {
                // Nothing was claimed, so nothing is sent.
                database.Report(fault);
                LogClaimNotSaved(logger, Name(kind), fault.Problem);
                return (Attempt.NotRecorded, session);
            }

            if (claimed is not { } requestId)
            {
                return (Attempt.NothingDue, session);
            }

            var found = await db.AppointmentRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == requestId, cancellationToken);
            if (found is null || !Of(found, kind).IsHeldBy(_instance))
            {
                // Deleted since, or (a lease shorter than a pause of this instance) taken over: not ours to send.
                return (Attempt.Recorded, session);
            }

            request = found;
        }

        Outcome outcome;
        var name = Name(kind);
        var attempt = Of(request, kind).Attempts;
        try
        {
            var message = Build(request, kind);
            session ??= await transport.OpenSessionAsync(cancellationToken);
            await session.SendAsync(message, cancellationToken);
            var sentAt = time.GetUtcNow().UtcDateTime;
            outcome = new(request.Id, kind, Sent: true, delivery => delivery.MarkSent(sentAt));
            LogSent(logger, request.Id, request.LocationId, name, attempt);
        }
        catch (Exception exception) when (MailFailure.Classify(exception, cancellationToken) == MailFailureKind.Permanent)
        {
            var (error, summary) = (MailFailure.Describe(exception), MailFailure.Summary(exception));
            outcome = new(request.Id, kind, Sent: false, delivery => delivery.MarkFailed(error));
            LogRefused(logger, request.Id, request.LocationId, name, summary);
        }
        catch (Exception exception) when (MailFailure.Classify(exception, cancellationToken) == MailFailureKind.Transient)
        {
            var (retryAt, error, summary) = (RetryAt(attempt), MailFailure.Describe(exception), MailFailure.Summary(exception));
            outcome = new(request.Id, kind, Sent: false, delivery => delivery.ScheduleRetry(retryAt, error));
            LogRetryScheduled(logger, request.Id, request.LocationId, name, attempt, retryAt, summary);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A fault of ours (e.g. a location removed from configuration): keep the request, move it out of
            // the way of the others, and say so loudly. A fix and a restart sends it.
            var (retryAt, error, type) = (RetryAt(attempt), MailFailure.Describe(exception), exception.GetType().Name);
            outcome = new(request.Id, kind, Sent: false, delivery => delivery.ScheduleRetry(retryAt, error));
            LogUnexpectedFailure(logger, request.Id, request.LocationId, name, attempt, retryAt, type);
        }

        if (!outcome.Sent && session is not null)
        {
            // A failed session may be mid-reply or disconnected: the next message gets a fresh one.
            await session.DisposeAsync();
            session = null;
        }

        await _bookkeeping.WaitAsync(CancellationToken.None);
        try
        {
            _unsaved.Add(outcome);
        }
        finally
        {
            _bookkeeping.Release();
        }

        return (await SaveUnsavedAsync(CancellationToken.None) ? Attempt.Recorded : Attempt.NotRecorded, session);
    }

    /// <summary>
    /// How long an attempt is this instance's alone: two minutes, and always far longer than one message can take
    /// (connecting, authenticating and sending each give up after <see cref="MailOptions.TimeoutSeconds"/>), so a
    /// lease lapses only when its instance died or stalled. That is also how long such an e-mail waits to go again.
    /// </summary>
    private TimeSpan Lease => TimeSpan.FromSeconds(Math.Max(120, 4 * mailOptions.Value.TimeoutSeconds));

    /// <summary>Saves every outcome still held here, oldest first. False while the database refuses them.</summary>
    private async Task<bool> SaveUnsavedAsync(CancellationToken cancellationToken)
    {
        await _bookkeeping.WaitAsync(cancellationToken);
        try
        {
            return await SaveHeldOutcomesAsync(cancellationToken);
        }
        finally
        {
            _bookkeeping.Release();
        }
    }

    private async Task<bool> SaveHeldOutcomesAsync(CancellationToken cancellationToken)
    {
        while (_unsaved.Count > 0)
        {
            var outcome = _unsaved[0];
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<ClinicDbContext>();
                var request = await db.AppointmentRequests.FirstOrDefaultAsync(r => r.Id == outcome.RequestId, cancellationToken);
                if (request is not null && Of(request, outcome.Kind).IsHeldBy(_instance))
                {
                    outcome.Apply(Of(request, outcome.Kind));
                    // Only while the lease is still ours: the save checks the owner it read (a concurrency token).
                    await db.SaveChangesAsync(cancellationToken);
                }
                else if (request is not null)
                {
                    LogLeaseLost(logger, outcome.RequestId, Name(outcome.Kind));
                }
            }
            catch (DbUpdateConcurrencyException)
            {
                LogLeaseLost(logger, outcome.RequestId, Name(outcome.Kind));
            }
            catch (Exception exception) when (ClinicStore.FaultOf(exception) is { } fault)
            {
                LogOutcomeNotSaved(logger, outcome.RequestId, Name(outcome.Kind), _unsaved.Count, fault.Problem);
                return false;
            }

            _unsaved.RemoveAt(0);
        }

        return true;
    }

    private MimeMessage Build(AppointmentRequest request, MailKind kind)
    {
        var location = clinicOptions.Value.Find(request.LocationId)
            ?? throw new InvalidOperationException($"Location '{request.LocationId}' is not configured.");
        var sender = mailOptions.Value.ParseSender();
        return kind == MailKind.FrontDesk
            ? AppointmentEmails.FrontDesk(request, location, sender, RequestPage(request), mailOptions.Value.FrontDeskDetail)
            : AppointmentEmails.PatientConfirmation(request, location, sender);
    }

    /// <summary>The request's page in the staff inbox, from <c>Site:BaseUrl</c>: the reference alone, nothing about the patient.</summary>
    private Uri RequestPage(AppointmentRequest request) => siteOptions.Value.Absolute(InboxFormat.PathOf(request.Reference));

    /// <summary>30 s, 1 min, 2 min, … up to the configured maximum (defaults; tests shorten them).</summary>
    private DateTime RetryAt(int attempts)
    {
        var options = mailOptions.Value;
        var factor = Math.Pow(2, Math.Min(attempts - 1, 20));
        var delay = TimeSpan.FromTicks((long)Math.Min(options.RetryDelay.Ticks * factor, options.MaxRetryDelay.Ticks));
        return time.GetUtcNow().UtcDateTime + delay;
    }

    private static MailDelivery Of(AppointmentRequest request, MailKind kind) =>
        kind == MailKind.FrontDesk ? request.FrontDeskMail : request.PatientMail;

    private static string Name(MailKind kind) => kind == MailKind.FrontDesk ? "front-desk" : "confirmation";

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent {Kind} e-mail for request {RequestId} at {LocationId} (attempt {Attempt})")]
    private static partial void LogSent(ILogger logger, int requestId, string locationId, string kind, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not send {Kind} e-mail for request {RequestId} at {LocationId} (attempt {Attempt}: {Failure}); retrying at {RetryAtUtc:u}")]
    private static partial void LogRetryScheduled(ILogger logger, int requestId, string locationId, string kind, int attempt, DateTime retryAtUtc, string failure);

    [LoggerMessage(Level = LogLevel.Error, Message = "Mail server refused {Kind} e-mail for request {RequestId} at {LocationId} with {Failure}; marked failed, it will not be retried until `requests resend-failed`")]
    private static partial void LogRefused(ILogger logger, int requestId, string locationId, string kind, string failure);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not build or send {Kind} e-mail for request {RequestId} at {LocationId} (attempt {Attempt}: {ExceptionType}); retrying at {RetryAtUtc:u}")]
    private static partial void LogUnexpectedFailure(ILogger logger, int requestId, string locationId, string kind, int attempt, DateTime retryAtUtc, string exceptionType);

    [LoggerMessage(Level = LogLevel.Error, Message = "Did not send the next {Kind} e-mail: its attempt could not be recorded ({Problem}); sending nothing until the database takes writes")]
    private static partial void LogClaimNotSaved(ILogger logger, string kind, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The outcome of the {Kind} e-mail for request {RequestId} was not recorded: its lease ran out and another attempt took it over (it may arrive twice, with the same Message-Id)")]
    private static partial void LogLeaseLost(ILogger logger, int requestId, string kind);

    [LoggerMessage(Level = LogLevel.Error, Message = "The outcome of the {Kind} e-mail for request {RequestId} could not be recorded ({Problem}); {Count} outcome(s) held in memory and saved before anything else is sent")]
    private static partial void LogOutcomeNotSaved(ILogger logger, int requestId, string kind, int count, string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "Mail dispatcher failed ({Failure}); looking again shortly")]
    private static partial void LogDispatchFailed(ILogger logger, string failure);
}
