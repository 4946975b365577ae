namespace EDTF.Streaming.Kafka.State;

/// <summary>What the state snapshots report; the host maps it onto Prometheus metrics (<c>edtf_state_*</c>).</summary>
internal interface IStateMetrics
{
    /// <summary>A snapshot was taken (<paramref name="bytes"/> compressed, <paramref name="seconds"/> to write it on the processing thread).</summary>
    void SnapshotTaken(long bytes, double seconds);

    /// <summary>A snapshot reached the state topic (every chunk acknowledged); offsets up to it may now be committed.</summary>
    void SnapshotDurable();

    /// <summary>A snapshot could not be written to the state topic (it is dropped; the next one tries again).</summary>
    void SnapshotFailed();

    /// <summary>State was restored from a snapshot in <paramref name="seconds"/> (reading the topic and decoding).</summary>
    void Restored(double seconds);

    /// <summary>The restored instance caught up: <paramref name="records"/> records after the snapshot were replayed, in <paramref name="seconds"/> since the restore.</summary>
    void CaughtUp(long records, double seconds);

    /// <summary>No snapshot could be restored; the window rebuild runs instead (<paramref name="reason"/>: none, assignment, format, corrupt, options, unreadable).</summary>
    void RestoreFallback(string reason);
}

/// <summary>State metrics that go nowhere (tests, benchmarks).</summary>
internal sealed class NullStateMetrics : IStateMetrics
{
    public static readonly NullStateMetrics Instance = new();

    public void SnapshotTaken(long bytes, double seconds)
    {
    }

    public void SnapshotDurable()
    {
    }

    public void SnapshotFailed()
    {
    }

    public void Restored(double seconds)
    {
    }

    public void CaughtUp(long records, double seconds)
    {
    }

    public void RestoreFallback(string reason)
    {
    }
}
