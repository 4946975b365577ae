using Prometheus;

namespace EDTF.Streaming.Cli.Service;

/// <summary>The watch-list metrics: entries by programme and source, the last change's effective time, changes applied.</summary>
/// <remarks>Fed by the processing thread once a second; a pipeline started afresh (lease regained) counts its changes from zero again.</remarks>
internal sealed class PrometheusWatchlistMetrics
{
    private readonly Gauge _entries;
    private readonly Gauge _lastChange;
    private readonly Counter _applied;
    private readonly HashSet<(string Program, string Source)> _shown = [];
    private long _appliedSeen;

    public PrometheusWatchlistMetrics(IMetricFactory f)
    {
        _entries = f.CreateGauge(MetricNames.WatchlistEntries, "Watch-list entries the detecting pipeline holds, by programme and source.", ["program", "source"]);
        _lastChange = f.CreateGauge(MetricNames.WatchlistLastChange, "Effective time (Unix seconds) of the last watch-list change applied; 0 before any.");
        _applied = f.CreateCounter(MetricNames.WatchlistChangesApplied, "Watch-list changes (listings, changes, delistings) the pipeline applied.");
    }

    public void Report(IReadOnlyDictionary<(string Program, string Source), int> entries, long? lastChangeMs, long changesApplied)
    {
        foreach (var gone in _shown.Where(k => !entries.ContainsKey(k)).ToList())
        {
            _entries.RemoveLabelled(gone.Program, gone.Source);
            _shown.Remove(gone);
        }

        foreach (var ((program, source), count) in entries)
        {
            _entries.WithLabels(program, source).Set(count);
            _shown.Add((program, source));
        }

        if (lastChangeMs is { } ms)
        {
            _lastChange.Set(ms / 1000.0);
        }

        var fresh = changesApplied < _appliedSeen ? changesApplied : changesApplied - _appliedSeen;
        if (fresh > 0)
        {
            _applied.Inc(fresh);
        }

        _appliedSeen = changesApplied;
    }
}
