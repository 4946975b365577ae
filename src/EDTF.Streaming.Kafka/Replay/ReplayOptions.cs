using EDTF.Streaming.Ais.Formats;

namespace EDTF.Streaming.Kafka.Replay;

/// <summary>What to replay, where to, how fast, and which event-time window.</summary>
internal sealed class ReplayOptions
{
    /// <summary>Input files and directories, in the order given.</summary>
    public required IReadOnlyList<string> Inputs { get; init; }

    public AisInputFormat Format { get; init; } = AisInputFormat.Auto;

    public string BootstrapServers { get; init; } = "127.0.0.1:9092";

    public string Topic { get; init; } = "ais.raw";

    /// <summary>The <c>Kafka:Client</c> properties (security settings, secret files) every client of the service gets.</summary>
    public IReadOnlyDictionary<string, string> Client { get; init; } = new Dictionary<string, string>();

    /// <summary>Event-time seconds per wall-clock second; <see cref="double.PositiveInfinity"/> = as fast as possible.</summary>
    public double Speed { get; init; } = double.PositiveInfinity;

    /// <summary>Inclusive lower bound of event time (epoch ms), or null.</summary>
    public long? FromMs { get; init; }

    /// <summary>Exclusive upper bound of event time (epoch ms), or null.</summary>
    public long? ToMs { get; init; }

    /// <summary>The <c>--bbox</c> and <c>--mmsi</c> subset (the time window is <see cref="FromMs"/>/<see cref="ToMs"/>).</summary>
    public InputFilter Filter { get; init; } = new();

    /// <summary>Extra librdkafka producer properties, applied last.</summary>
    public IReadOnlyDictionary<string, string> ProducerProperties { get; init; } = new Dictionary<string, string>();

    /// <summary>True when a record with this event time is inside the window.</summary>
    public bool InWindow(long? eventTimeMs) =>
        (FromMs is null && ToMs is null)
        || (eventTimeMs is { } t && (FromMs is not { } from || t >= from) && (ToMs is not { } to || t < to));
}
