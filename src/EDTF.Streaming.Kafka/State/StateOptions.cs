namespace EDTF.Streaming.Kafka.State;

/// <summary>The <c>State</c> configuration section: snapshots of the detection state to a compacted topic, restored on assignment (ADR 0003 item 5).</summary>
public sealed class StateOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "State";

    /// <summary>Seconds (wall clock) between two snapshots; 0 turns snapshots off (every assignment then rebuilds state from the input window, ADR 0002).</summary>
    public double SnapshotIntervalSeconds { get; set; } = 30;

    /// <summary>The compacted topic the snapshots go to (<c>cleanup.policy=compact</c>).</summary>
    public string Topic { get; set; } = "edtf.state";

    /// <summary>A snapshot larger than this (bytes, compressed) is written as several records (chunks), each under the producer's <c>message.max.bytes</c>.</summary>
    public int MaxChunkBytes { get; set; } = 900_000;

    /// <summary>How long an assignment may spend reading the state topic before it falls back to the window rebuild.</summary>
    public double ReadTimeoutSeconds { get; set; } = 30;

    /// <summary>True when snapshots are written and restored.</summary>
    public bool Enabled => SnapshotIntervalSeconds > 0;

    /// <summary>Throws when a value is out of range.</summary>
    public void Validate()
    {
        if (SnapshotIntervalSeconds < 0)
        {
            throw new InvalidOperationException($"State:SnapshotIntervalSeconds must be 0 (off) or more, got {SnapshotIntervalSeconds}.");
        }

        if (MaxChunkBytes < 1024)
        {
            throw new InvalidOperationException($"State:MaxChunkBytes must be at least 1024, got {MaxChunkBytes}.");
        }

        if (!(ReadTimeoutSeconds > 0))
        {
            throw new InvalidOperationException($"State:ReadTimeoutSeconds must be greater than 0, got {ReadTimeoutSeconds}.");
        }

        if (string.IsNullOrWhiteSpace(Topic))
        {
            throw new InvalidOperationException("State:Topic must name a topic.");
        }
    }
}
