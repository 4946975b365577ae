namespace EDTF.Streaming.Detection;

/// <summary>The pipeline's watch list and the changes waiting for the watermark to pass their effective time.</summary>
public sealed partial class DetectionPipeline
{
    private readonly Watchlist _watchlist;
    private readonly PriorityQueue<WatchlistChange, (long EffectiveMs, long Arrival)> _watchlistChanges = new();
    private long _watchlistArrivals;

    /// <summary>The pipeline's own copy of the watch list, as changed so far (read it on the pipeline's thread).</summary>
    public Watchlist Watchlist => _watchlist;

    /// <summary>Changes received whose effective time the watermark has not passed yet.</summary>
    public int WatchlistChangesWaiting => _watchlistChanges.Count;

    /// <summary>Adds a watch-list change; it applies once the watermark reaches its effective time, between the reports before it and those at or after it.</summary>
    /// <remarks>
    /// Changes apply in (effective time, arrival) order; timers due before the effective time fire first. A change whose effective time the
    /// watermark has already passed applies at once, at the current event time: the only case where the result depends on when it arrived.
    /// </remarks>
    public void AddWatchlistChange(WatchlistChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        _watchlistChanges.Enqueue(change, (change.EffectiveMs, _watchlistArrivals++));
        if (_watermarkMs != long.MinValue && change.EffectiveMs <= _watermarkMs)
        {
            ApplyWatchlistChanges(_watermarkMs);
        }
    }

    /// <summary>Applies every waiting change effective at or before <paramref name="untilMs"/>.</summary>
    private void ApplyWatchlistChanges(long untilMs)
    {
        while (_watchlistChanges.TryPeek(out var change, out var key) && key.EffectiveMs <= untilMs)
        {
            _watchlistChanges.Dequeue();
            _timers.Advance(change.EffectiveMs);
            _timers.NowMs = Math.Max(_timers.NowMs, change.EffectiveMs);
            _tracker.ApplyWatchlistChange(change, _timers.NowMs);
        }
    }
}
