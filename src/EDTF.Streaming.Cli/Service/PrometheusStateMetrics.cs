using EDTF.Streaming.Kafka.State;
using Prometheus;

namespace EDTF.Streaming.Cli.Service;

/// <summary>The Prometheus names of the state snapshot metrics (docs/service.md, Recovery).</summary>
public static class StateMetricNames
{
    /// <summary>Counter with label <c>outcome</c> (<c>taken</c>, <c>durable</c>, <c>failed</c>): snapshots of the detection state.</summary>
    public const string Snapshots = "edtf_state_snapshots_total";

    /// <summary>Gauge: compressed size of the last snapshot, bytes.</summary>
    public const string SnapshotBytes = "edtf_state_snapshot_bytes";

    /// <summary>Histogram: seconds the processing thread spent writing a snapshot.</summary>
    public const string SnapshotSeconds = "edtf_state_snapshot_seconds";

    /// <summary>Gauge: seconds the last restore took (reading the state topic and decoding the snapshot).</summary>
    public const string RestoreSeconds = "edtf_state_restore_seconds";

    /// <summary>Gauge: records replayed after the last restore until the instance caught up.</summary>
    public const string RestoreReplayedRecords = "edtf_state_restore_replayed_records";

    /// <summary>Gauge: seconds from the last restore until the instance caught up.</summary>
    public const string RestoreCatchUpSeconds = "edtf_state_restore_catch_up_seconds";

    /// <summary>Counter with label <c>reason</c> (<c>none</c>, <c>assignment</c>, <c>format</c>, <c>corrupt</c>, <c>options</c>, <c>unreadable</c>): assignments that rebuilt state from the input window instead of restoring a snapshot.</summary>
    public const string RestoreFallbacks = "edtf_state_restore_fallbacks_total";

    /// <summary>Every name above.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Snapshots, SnapshotBytes, SnapshotSeconds, RestoreSeconds, RestoreReplayedRecords, RestoreCatchUpSeconds, RestoreFallbacks];
}

/// <summary>The state snapshot metrics (names in <see cref="StateMetricNames"/>), fed by the Kafka driver.</summary>
internal sealed class PrometheusStateMetrics : IStateMetrics
{
    private readonly Counter _snapshots;
    private readonly Gauge _bytes;
    private readonly Histogram _seconds;
    private readonly Gauge _restoreSeconds;
    private readonly Gauge _replayed;
    private readonly Gauge _catchUp;
    private readonly Counter _fallbacks;

    public PrometheusStateMetrics(CollectorRegistry registry)
    {
        var f = Metrics.WithCustomRegistry(registry);
        _snapshots = f.CreateCounter(StateMetricNames.Snapshots, "Snapshots of the detection state: taken, durable (on the state topic), failed.", "outcome");
        _bytes = f.CreateGauge(StateMetricNames.SnapshotBytes, "Compressed size of the last state snapshot, bytes.");
        _seconds = f.CreateHistogram(StateMetricNames.SnapshotSeconds, "Seconds the processing thread spent writing a state snapshot.", new HistogramConfiguration
        {
            Buckets = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
        });
        _restoreSeconds = f.CreateGauge(StateMetricNames.RestoreSeconds, "Seconds the last restore took (reading the state topic, decoding the snapshot).");
        _replayed = f.CreateGauge(StateMetricNames.RestoreReplayedRecords, "Records replayed after the last restore until the instance caught up.");
        _catchUp = f.CreateGauge(StateMetricNames.RestoreCatchUpSeconds, "Seconds from the last restore until the instance caught up.");
        _fallbacks = f.CreateCounter(StateMetricNames.RestoreFallbacks, "Assignments that rebuilt state from the input window instead of restoring a snapshot, by reason.", "reason");
        foreach (var outcome in (string[])["taken", "durable", "failed"])
        {
            _snapshots.WithLabels(outcome);
        }
    }

    public void SnapshotTaken(long bytes, double seconds)
    {
        _snapshots.WithLabels("taken").Inc();
        _bytes.Set(bytes);
        _seconds.Observe(seconds);
    }

    public void SnapshotDurable() => _snapshots.WithLabels("durable").Inc();

    public void SnapshotFailed() => _snapshots.WithLabels("failed").Inc();

    public void Restored(double seconds) => _restoreSeconds.Set(seconds);

    public void CaughtUp(long records, double seconds)
    {
        _replayed.Set(records);
        _catchUp.Set(seconds);
    }

    public void RestoreFallback(string reason) => _fallbacks.WithLabels(reason).Inc();
}
