using System.Threading.Channels;

namespace AbovePT.Web.Features.Appointments.Delivery;

/// <summary>
/// Wakes the dispatcher when a request has been committed, so a new request's e-mail goes out at once
/// instead of at the next scheduled check. Signals coalesce: one wake-up covers any number of requests.
/// </summary>
public sealed class DeliverySignal
{
    private readonly Channel<bool> _channel = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Notify() => _channel.Writer.TryWrite(true);

    /// <summary>Whether a request was committed since the last wait or <see cref="Reset"/>.</summary>
    internal bool IsSet => _channel.Reader.Count > 0;

    /// <summary>Forgets a pending notification: what it announced is about to be looked at.</summary>
    internal void Reset() => _channel.Reader.TryRead(out _);

    /// <summary>Completes when a request has been committed since the last wait or <see cref="Reset"/>, leaving the notification set.</summary>
    internal Task WaitForNotificationAsync(CancellationToken cancellationToken) =>
        _channel.Reader.WaitToReadAsync(cancellationToken).AsTask();

    /// <summary>Returns when notified or when <paramref name="timeout"/> (on <paramref name="time"/>) has passed.</summary>
    internal async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var notified = _channel.Reader.WaitToReadAsync(stop.Token).AsTask();
        var elapsed = Task.Delay(timeout, time, stop.Token);
        await Task.WhenAny(notified, elapsed);
        await stop.CancelAsync();
        _channel.Reader.TryRead(out _);
    }
}
