using Microsoft.Extensions.Options;

namespace AbovePT.Web.Email;

/// <summary>
/// Keeps to the provider's sending limit (<see cref="MailOptions.MaxMessagesPerMinute"/>): no more than that many
/// messages start in any 60 seconds, across every session. Waiters go one at a time, in turn.
/// </summary>
public sealed class MailRateLimit(IOptions<MailOptions> options, TimeProvider time) : IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly Queue<DateTimeOffset> _starts = new();
    private readonly SemaphoreSlim _turn = new(1, 1);

    /// <summary>Returns when one more message may start now, and counts it.</summary>
    public async Task WaitTurnAsync(CancellationToken cancellationToken)
    {
        var limit = options.Value.MaxMessagesPerMinute;
        if (limit == 0)
        {
            return;
        }

        await _turn.WaitAsync(cancellationToken);
        try
        {
            while (true)
            {
                var now = time.GetUtcNow();
                while (_starts.Count > 0 && now - _starts.Peek() >= Window)
                {
                    _starts.Dequeue();
                }

                if (_starts.Count < limit)
                {
                    _starts.Enqueue(now);
                    return;
                }

                await Task.Delay(_starts.Peek() + Window - now, time, cancellationToken);
            }
        }
        finally
        {
            _turn.Release();
        }
    }

    public void Dispose() => _turn.Dispose();
}
