namespace EDTF.Streaming.Kafka;

/// <summary>When the consume loop last polled, when a record last went through, and the processing thread's heartbeat, stamped from a <see cref="TimeProvider"/>.</summary>
/// <remarks>
/// Written by the service's two threads, read from any thread (health checks). Stamps are 0 (year 1) before the first.
/// The processing thread is busy from taking a batch (or finding none) until it has merged, released and stored what that
/// brought; between two rounds it waits for input and is not busy.
/// </remarks>
internal sealed class ServiceActivity(TimeProvider clock)
{
    private long _lastPollTicks;
    private long _lastProgressTicks;
    private long _heartbeatTicks;
    private long _busySinceTicks;
    private int _workInHand;

    /// <summary>The clock the stamps come from.</summary>
    public TimeProvider Clock => clock;

    /// <summary>When the loop last polled the consumer (UTC).</summary>
    public DateTime LastPollUtc => new(Volatile.Read(ref _lastPollTicks), DateTimeKind.Utc);

    /// <summary>When a record last went through (UTC).</summary>
    public DateTime LastProgressUtc => new(Volatile.Read(ref _lastProgressTicks), DateTimeKind.Utc);

    /// <summary>When the processing thread last went round its loop (UTC).</summary>
    public DateTime LastHeartbeatUtc => new(Volatile.Read(ref _heartbeatTicks), DateTimeKind.Utc);

    /// <summary>When the processing thread started the round it is still in (UTC); null while it waits for input.</summary>
    public DateTime? ProcessingBusySinceUtc => Volatile.Read(ref _busySinceTicks) is var t and > 0 ? new DateTime(t, DateTimeKind.Utc) : null;

    /// <summary>True while the round in progress holds a batch taken from the hand-over (records or rebalance work).</summary>
    public bool WorkInHand => Volatile.Read(ref _workInHand) != 0;

    /// <summary>The consume loop polled (found nothing more at hand, or filled a batch).</summary>
    public void Polled() => Volatile.Write(ref _lastPollTicks, clock.GetUtcNow().UtcTicks);

    /// <summary>The processing thread took records.</summary>
    public void Progressed() => Volatile.Write(ref _lastProgressTicks, clock.GetUtcNow().UtcTicks);

    /// <summary>The processing thread starts a round, with a batch in hand (<paramref name="workInHand"/>) or only to release and store.</summary>
    public void RoundStarted(bool workInHand)
    {
        var now = clock.GetUtcNow().UtcTicks;
        Volatile.Write(ref _workInHand, workInHand ? 1 : 0);
        Volatile.Write(ref _heartbeatTicks, now);
        Volatile.Write(ref _busySinceTicks, now);
    }

    /// <summary>The processing thread finished its round and goes back to wait for input.</summary>
    public void RoundFinished()
    {
        Volatile.Write(ref _busySinceTicks, 0);
        Volatile.Write(ref _workInHand, 0);
        Volatile.Write(ref _heartbeatTicks, clock.GetUtcNow().UtcTicks);
    }
}
