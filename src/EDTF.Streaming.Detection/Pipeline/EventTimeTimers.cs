namespace EDTF.Streaming.Detection.Pipeline;

/// <summary>Something that owns event-time timers.</summary>
internal interface ITimerTarget
{
    /// <summary>Order among targets when deadlines tie (keeps output independent of how time advanced).</summary>
    int TimerOrder { get; }

    void OnTimer(long key, long dueMs, int kind);
}

/// <summary>Timers on event time: they fire when the pipeline's clock passes their deadline, in (deadline, target, key, kind) order; no wall clock.</summary>
internal sealed class EventTimeTimers
{
    private readonly PriorityQueue<(ITimerTarget Target, long Key, int Kind), (long Due, int Order, long Key, int Kind)> _queue = new();

    /// <summary>The event-time clock: the deadline of the timer firing now, or the time of the report being processed.</summary>
    public long NowMs { get; set; }

    public int Count => _queue.Count;

    /// <summary>The time the current <see cref="Advance"/> goes to (a periodic target may skip ahead of it over a long jump).</summary>
    public long TargetMs { get; private set; }

    public void Schedule(ITimerTarget target, long key, long dueMs, int kind = 0) =>
        _queue.Enqueue((target, key, kind), (dueMs, target.TimerOrder, key, kind));

    /// <summary>Fires every timer whose deadline is strictly before <paramref name="timeMs"/> (or at it, when <paramref name="inclusive"/>).</summary>
    public void Advance(long timeMs, bool inclusive = false)
    {
        TargetMs = timeMs;
        while (_queue.TryPeek(out var t, out var key) && (key.Due < timeMs || (inclusive && key.Due == timeMs)))
        {
            _queue.Dequeue();
            if (key.Due > NowMs)
            {
                NowMs = key.Due;
            }

            t.Target.OnTimer(t.Key, key.Due, t.Kind);
        }
    }
}
