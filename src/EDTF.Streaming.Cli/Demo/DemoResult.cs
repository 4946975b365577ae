using EDTF.Streaming.Simulation;

namespace EDTF.Streaming.Cli.Demo;

/// <summary>What one demo run did: the traffic produced, the service's figures, the alerts read and their score against the truth.</summary>
internal sealed record DemoResult
{
    public required GroundTruth Truth { get; init; }

    public required double Speed { get; init; }

    public required long RecordsProduced { get; init; }

    public required TimeSpan ProduceTime { get; init; }

    /// <summary>Event time of the last record produced (epoch ms), or null before the first.</summary>
    public required long? ProducedUntilMs { get; init; }

    /// <summary>Input lines the replay found undecodable and did not produce, by reason (the service never sees them).</summary>
    public required IReadOnlyList<(string Reason, long Count)> NotProduced { get; init; }

    public required ServiceFigures Service { get; init; }

    public required DemoAlertBoard Alerts { get; init; }

    public required DemoScore Score { get; init; }

    /// <summary>Ctrl-C (or the service stopping) ended the run early.</summary>
    public required bool Interrupted { get; init; }

    /// <summary>What went wrong along the way (timeouts, delivery failures), in order.</summary>
    public required IReadOnlyList<string> Problems { get; init; }

    public required TimeSpan WallTime { get; init; }
}
