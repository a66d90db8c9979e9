namespace AbovePT.Web.Data;

/// <summary>
/// What the site currently knows about its database, shared by everything that uses it: whether it is ready
/// (migrated and writable), the problem when it is not, and the last write that failed. The
/// <see cref="DatabaseMonitor"/> brings it to ready and re-checks it; pages, the dispatcher and
/// <c>/healthz</c> read it; anything that meets a storage fault reports it here.
/// </summary>
public sealed class DatabaseStatus(TimeProvider time)
{
    private readonly Lock _gate = new();
    private TaskCompletionSource _ready = NewSignal();
    private TaskCompletionSource _recheck = NewSignal();
    private readonly TaskCompletionSource _firstCheck = NewSignal();
    private readonly TaskCompletionSource _firstCheckWanted = NewSignal();

    /// <summary>Migrated and writable: requests can be stored.</summary>
    public bool IsReady { get; private set; }

    /// <summary>Why it is not ready, in plain words (no data); null while ready or before the first check.</summary>
    public string? Problem { get; private set; }

    /// <summary>The last write that failed (a full disk, say), until a later write succeeds.</summary>
    public (DateTime AtUtc, string Problem)? LastWriteFailure { get; private set; }

    /// <summary>
    /// The longest a page waits for the first check after start-up before it says the database cannot be used:
    /// the check normally takes well under a second, migrations included.
    /// </summary>
    public static readonly TimeSpan FirstCheckWait = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long after start-up the first check waits unless something needs the database sooner. A restart's first
    /// pages are usually articles, which need no database; on the two cores the site runs on, EF Core's first use
    /// and the migrations beside them would take the CPU their first render needs (docs/quality.md, "Cold start").
    /// </summary>
    public static readonly TimeSpan FirstCheckDelay = TimeSpan.FromSeconds(1);

    /// <summary>Completes once the first check after start-up has finished, whatever it found.</summary>
    public Task FirstCheck => _firstCheck.Task;

    /// <summary>Completes when something needs the database before <see cref="FirstCheckDelay"/> has passed.</summary>
    internal Task FirstCheckWanted => _firstCheckWanted.Task;

    /// <summary>Something needs the database now (a page that uses it, <c>/healthz</c>): the first check starts at once.</summary>
    public void WantFirstCheck() => _firstCheckWanted.TrySetResult();

    /// <summary>
    /// Whether the database is ready, for a request: while the first check after start-up has not finished (the
    /// site serves before its migrations are done), starts it if it is still waiting and waits for it, up to
    /// <see cref="FirstCheckWait"/>.
    /// </summary>
    public async Task<bool> IsReadyAsync(CancellationToken cancellationToken)
    {
        if (!IsReady && !FirstCheck.IsCompleted)
        {
            WantFirstCheck();
            try
            {
                await FirstCheck.WaitAsync(FirstCheckWait, time, cancellationToken);
            }
            catch (TimeoutException)
            {
                // Still not checked: answered as not ready, which is what it is.
            }
        }

        return IsReady;
    }

    /// <summary>Waits until the database is ready (for background work: the dispatcher, the retention job).</summary>
    public Task WhenReadyAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return _ready.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>A fault met while using the database: an unusable file stops the appointment pages until a re-check.</summary>
    public void Report(StorageFault fault)
    {
        lock (_gate)
        {
            LastWriteFailure = (time.GetUtcNow().UtcDateTime, fault.Problem);
            if (fault.Unusable)
            {
                if (IsReady)
                {
                    _ready = NewSignal();
                }

                IsReady = false;
                Problem = fault.Problem;
                _recheck.TrySetResult();
            }
        }
    }

    public void ReportWriteSucceeded()
    {
        if (LastWriteFailure is not null)
        {
            lock (_gate)
            {
                LastWriteFailure = null;
            }
        }
    }

    internal void MarkReady()
    {
        lock (_gate)
        {
            IsReady = true;
            Problem = null;
            _ready.TrySetResult();
            _firstCheck.TrySetResult();
        }
    }

    internal void MarkUnusable(string problem)
    {
        lock (_gate)
        {
            if (IsReady)
            {
                _ready = NewSignal();
            }

            IsReady = false;
            Problem = problem;
            _firstCheck.TrySetResult();
        }
    }

    /// <summary>Returns when someone reported a fault, or after <paramref name="timeout"/>.</summary>
    internal async Task WaitForRecheckAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        Task reported;
        lock (_gate)
        {
            reported = _recheck.Task;
        }

        await Task.WhenAny(reported, Task.Delay(timeout, time, cancellationToken));
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (_recheck.Task.IsCompleted)
            {
                _recheck = NewSignal();
            }
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
