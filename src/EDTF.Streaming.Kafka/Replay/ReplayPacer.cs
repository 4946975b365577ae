namespace EDTF.Streaming.Kafka.Replay;

/// <summary>
/// Paces a replay by event time: at speed N, event time advances N seconds per wall-clock second from the first
/// paced record, so gaps in the data are gaps in the replay. Pure: it only reads the injected clock.
/// </summary>
internal sealed class ReplayPacer
{
    private readonly double _speed;
    private readonly TimeProvider _clock;
    private long _startTimestamp;
    private long _startEventMs;
    private bool _started;

    /// <param name="speed">Event-time seconds per wall-clock second (&gt; 0); <see cref="double.PositiveInfinity"/> never waits.</param>
    /// <param name="clock">The wall clock.</param>
    public ReplayPacer(double speed, TimeProvider clock)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(speed);
        _speed = speed;
        _clock = clock;
    }

    /// <summary>True when the pacer never waits.</summary>
    public bool IsUnpaced => double.IsPositiveInfinity(_speed);

    /// <summary>How long to wait before sending a record with this event time (zero when it is due or has no time).</summary>
    public TimeSpan DelayBefore(long? eventTimeMs)
    {
        if (IsUnpaced || eventTimeMs is not { } eventMs)
        {
            return TimeSpan.Zero;
        }

        if (!_started)
        {
            _started = true;
            _startTimestamp = _clock.GetTimestamp();
            _startEventMs = eventMs;
            return TimeSpan.Zero;
        }

        var due = TimeSpan.FromMilliseconds((eventMs - _startEventMs) / _speed);
        var elapsed = _clock.GetElapsedTime(_startTimestamp);
        return due > elapsed ? due - elapsed : TimeSpan.Zero;
    }
}
