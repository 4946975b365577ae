namespace EDTF.Streaming.Kafka;

/// <summary>When the last processing errors happened, to tell a poisoned stream (every record failing) from a rare defect.</summary>
/// <remarks>Written by the consume and processing threads, read by health checks: every member takes the lock.</remarks>
internal sealed class RecentErrors(TimeProvider clock)
{
    private const int Kept = 1_024;
    private readonly object _gate = new();
    private readonly long[] _ticks = new long[Kept];
    private int _next;
    private int _count;

    /// <summary>An error happened now.</summary>
    public void Record()
    {
        var now = clock.GetUtcNow().UtcTicks;
        lock (_gate)
        {
            _ticks[_next] = now;
            _next = (_next + 1) % Kept;
            _count = Math.Min(_count + 1, Kept);
        }
    }

    /// <summary>Errors in the last <paramref name="window"/> (at most the last 1,024 are kept).</summary>
    public int Within(TimeSpan window)
    {
        var since = clock.GetUtcNow().UtcTicks - window.Ticks;
        lock (_gate)
        {
            var n = 0;
            for (var i = 0; i < _count; i++)
            {
                if (_ticks[i] >= since)
                {
                    n++;
                }
            }

            return n;
        }
    }
}
