namespace EDTF.Streaming.Kafka;

/// <summary>When the consume loop last polled and when a record last went through, stamped from a <see cref="TimeProvider"/>.</summary>
/// <remarks>Written by the service's two threads, read from any thread (health checks). Both stamps are 0 (year 1) before the first.</remarks>
internal sealed class ServiceActivity(TimeProvider clock)
{
    private long _lastPollTicks;
    private long _lastProgressTicks;

    /// <summary>The clock the stamps come from.</summary>
    public TimeProvider Clock => clock;

    /// <summary>When the loop last polled the consumer (UTC).</summary>
    public DateTime LastPollUtc => new(Volatile.Read(ref _lastPollTicks), DateTimeKind.Utc);

    /// <summary>When a record last went through (UTC).</summary>
    public DateTime LastProgressUtc => new(Volatile.Read(ref _lastProgressTicks), DateTimeKind.Utc);

    /// <summary>The consume loop polled (found nothing more at hand, or filled a batch).</summary>
    public void Polled() => Volatile.Write(ref _lastPollTicks, clock.GetUtcNow().UtcTicks);

    /// <summary>The processing thread took records.</summary>
    public void Progressed() => Volatile.Write(ref _lastProgressTicks, clock.GetUtcNow().UtcTicks);
}
