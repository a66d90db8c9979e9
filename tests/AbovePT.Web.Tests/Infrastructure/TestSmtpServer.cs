using System.Buffers;
using System.Net;
using MimeKit;
using SmtpServer;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace AbovePT.Web.Tests.Infrastructure;

/// <summary>
/// A real SMTP server on 127.0.0.1 inside the test process (the SmtpServer package). It keeps every message
/// it accepts, parsed, and can be told to answer with an error, to answer slowly, or to go away and come
/// back on the same port. Self-contained so other test projects can link this one file.
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly List<MimeMessage> _messages = [];
    private readonly List<(Func<IReadOnlyList<MimeMessage>, bool> Condition, TaskCompletionSource Done)> _waiters = [];
    private SmtpServer.SmtpServer? _server;
    private CancellationTokenSource? _stop;
    private Task? _running;
    private int _refused;
    private int _sessions;
    private int _openSessions;
    private int _mostOpenSessions;
    private TimeSpan _sessionTimeout = DefaultSessionTimeout;
    private TaskCompletionSource? _held;
    private int _holding;
    private readonly List<(int Count, TaskCompletionSource Reached)> _holdWaiters = [];

    private TestSmtpServer()
    {
    }

    /// <summary>
    /// SmtpServer's own limit on one session: past it the session is cancelled, a message being stored then is
    /// answered 554, and the client has to connect again.
    /// </summary>
    public static readonly TimeSpan DefaultSessionTimeout = TimeSpan.FromMinutes(2);

    /// <summary>The port the server listens on; stays the same across <see cref="StopAsync"/> and <see cref="RestartAsync"/>.</summary>
    public int Port { get; private set; }

    /// <summary>When set, every message is refused with this reply (e.g. 451 transient, 550 permanent).</summary>
    public int? ReplyCode { get; set; }

    /// <summary>How long to wait before answering a message, like a slow or overloaded server.</summary>
    public TimeSpan ResponseDelay { get; set; }

    /// <summary>Called with each message the server accepts, before the client hears the reply.</summary>
    public Action<MimeMessage>? OnAccepted { get; set; }

    /// <summary>
    /// From now on, keeps every message it receives unanswered until <see cref="ReleaseHeld"/>, so a test can see
    /// what a client does while its messages are on their way (<see cref="WaitUntilHoldingAsync"/>).
    /// </summary>
    public void HoldMessages()
    {
        lock (_gate)
        {
            _held ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>Answers the held messages and stops holding new ones.</summary>
    public void ReleaseHeld()
    {
        TaskCompletionSource? held;
        lock (_gate)
        {
            (held, _held) = (_held, null);
        }

        held?.TrySetResult();
    }

    /// <summary>Waits until <paramref name="count"/> messages are held at the same time (each on its own session).</summary>
    public async Task WaitUntilHoldingAsync(int count, TimeSpan? timeout = null)
    {
        TaskCompletionSource reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_holding >= count)
            {
                return;
            }

            _holdWaiters.Add((count, reached));
        }

        try
        {
            await reached.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Expected {count} message(s) held at once; {Volatile.Read(ref _holding)} were.");
        }
    }

    /// <summary>How many SMTP sessions (connections) clients have opened so far.</summary>
    public int SessionCount => Volatile.Read(ref _sessions);

    /// <summary>The most sessions that were open at the same time.</summary>
    public int MostOpenSessions => Volatile.Read(ref _mostOpenSessions);

    /// <summary>How many messages were refused because of <see cref="ReplyCode"/>.</summary>
    public int RefusedCount => Volatile.Read(ref _refused);

    public IReadOnlyList<MimeMessage> Messages
    {
        get
        {
            lock (_gate)
            {
                return [.. _messages];
            }
        }
    }

    /// <summary>
    /// Starts on 127.0.0.1 on a free port chosen by the OS; <paramref name="sessionTimeout"/> (default
    /// <see cref="DefaultSessionTimeout"/>) for a client that keeps one session busy longer.
    /// </summary>
    public static async Task<TestSmtpServer> StartAsync(TimeSpan? sessionTimeout = null)
    {
        var server = new TestSmtpServer { _sessionTimeout = sessionTimeout ?? DefaultSessionTimeout };
        await server.ListenAsync(0);
        return server;
    }

    /// <summary>Stops listening: from now on connections are refused, as when a mail server is down.</summary>
    public async Task StopAsync()
    {
        if (_stop is null || _running is null)
        {
            return;
        }

        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
        _stop = null;
        _running = null;
        _server = null;
    }

    /// <summary>Listens again on the same port.</summary>
    public Task RestartAsync() => ListenAsync(Port);

    /// <summary>Waits until at least <paramref name="count"/> messages arrived; fails after <paramref name="timeout"/> (30 s default).</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForMessagesAsync(int count, TimeSpan? timeout = null)
    {
        await WaitUntilAsync(messages => messages.Count >= count, $"{count} e-mails", timeout);
        return Messages;
    }

    /// <summary>Waits for the first message that matches; fails after <paramref name="timeout"/> (30 s default).</summary>
    public async Task<MimeMessage> WaitForMessageAsync(Func<MimeMessage, bool> match, TimeSpan? timeout = null)
    {
        await WaitUntilAsync(messages => messages.Any(match), "a matching e-mail", timeout);
        return Messages.First(match);
    }

    private async Task WaitUntilAsync(Func<IReadOnlyList<MimeMessage>, bool> condition, string expected, TimeSpan? timeout)
    {
        Task done;
        lock (_gate)
        {
            if (condition(_messages))
            {
                return;
            }

            var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((condition, waiter));
            done = waiter.Task;
        }

        try
        {
            await done.WaitAsync(timeout ?? TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Expected {expected}; received {Messages.Count} e-mails: {string.Join(", ", Messages.Select(m => m.Subject))}.");
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task ListenAsync(int port)
    {
        var listeners = new EndpointListenerFactory();
        var started = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        listeners.EndpointStarted += (_, e) => started.TrySetResult(((IPEndPoint)e.LocalEndPoint).Port);

        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, port)).SessionTimeout(_sessionTimeout))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(listeners);
        services.Add(new Store(this));

        _server = new SmtpServer.SmtpServer(options, services);
        _server.SessionCreated += (_, _) =>
        {
            Interlocked.Increment(ref _sessions);
            var open = Interlocked.Increment(ref _openSessions);
            int most;
            while (open > (most = Volatile.Read(ref _mostOpenSessions)) && Interlocked.CompareExchange(ref _mostOpenSessions, open, most) != most)
            {
            }
        };
        _server.SessionCompleted += (_, _) => Interlocked.Decrement(ref _openSessions);
        _server.SessionCancelled += (_, _) => Interlocked.Decrement(ref _openSessions);
        _server.SessionFaulted += (_, _) => Interlocked.Decrement(ref _openSessions);
        _stop = new CancellationTokenSource();
        _running = _server.StartAsync(_stop.Token);

        var first = await Task.WhenAny(started.Task, _running);
        if (first != started.Task)
        {
            await _running;
            throw new InvalidOperationException("The test SMTP server stopped before it started listening.");
        }

        Port = await started.Task;
    }

    private void Add(MimeMessage message)
    {
        lock (_gate)
        {
            _messages.Add(message);
            foreach (var waiter in _waiters.Where(w => w.Condition(_messages)).ToList())
            {
                waiter.Done.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
    }

    private async Task HoldAsync(CancellationToken cancellationToken)
    {
        Task release;
        lock (_gate)
        {
            if (_held is null)
            {
                return;
            }

            release = _held.Task;
            _holding++;
            foreach (var waiter in _holdWaiters.Where(w => _holding >= w.Count).ToList())
            {
                waiter.Reached.TrySetResult();
                _holdWaiters.Remove(waiter);
            }
        }

        try
        {
            await release.WaitAsync(cancellationToken);
        }
        finally
        {
            lock (_gate)
            {
                _holding--;
            }
        }
    }

    private sealed class Store(TestSmtpServer owner) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            await owner.HoldAsync(cancellationToken);
            if (owner.ResponseDelay > TimeSpan.Zero)
            {
                await Task.Delay(owner.ResponseDelay, cancellationToken);
            }

            if (owner.ReplyCode is { } code)
            {
                Interlocked.Increment(ref owner._refused);
                return new SmtpResponse((SmtpReplyCode)code, code >= 500 ? "5.7.1 Message refused by test server" : "4.3.0 Try again later");
            }

            using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            owner.Add(message);
            owner.OnAccepted?.Invoke(message);
            return SmtpResponse.Ok;
        }
    }
}
