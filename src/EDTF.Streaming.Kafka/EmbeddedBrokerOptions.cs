namespace EDTF.Streaming.Kafka;

/// <summary>How to start an <see cref="EmbeddedBroker"/>: ports, broker count and the topics to create.</summary>
public sealed class EmbeddedBrokerOptions
{
    /// <summary>Fixed port of broker 1 (broker n gets <c>Port + n - 1</c>); 0 lets the OS choose free ports.</summary>
    public int Port { get; init; } = 9092;

    /// <summary>Number of mock brokers (1 or more).</summary>
    public int Brokers { get; init; } = 1;

    /// <summary>Partitions of each topic in <see cref="Topics"/>.</summary>
    public int Partitions { get; init; } = 12;

    /// <summary>Topics to create at start (the mock has no CreateTopics API).</summary>
    public IReadOnlyList<string> Topics { get; init; } = ["ais.raw", "edtf.alerts", "ais.raw.dlq", "edtf.state"];

    /// <summary>The detection lease topic, created with one partition whatever <see cref="Topics"/> holds (<see cref="KafkaOptions.LeaseTopic"/>); empty: none.</summary>
    public string LeaseTopic { get; init; } = "edtf.lease";

    /// <summary>The watch-list topic, created with one partition whatever <see cref="Topics"/> holds (<see cref="KafkaOptions.WatchlistTopic"/>); empty: none. The mock does not compact it: readers apply every record in order, which ends the same.</summary>
    public string WatchlistTopic { get; init; } = "edtf.watchlist";

    /// <summary>Address the relays listen on; <c>0.0.0.0</c> to accept other hosts.</summary>
    public string BindAddress { get; init; } = "127.0.0.1";

    /// <summary>Host name clients are told to connect to (Kafka metadata); must reach <see cref="BindAddress"/>.</summary>
    public string AdvertisedHost { get; init; } = "127.0.0.1";

    /// <summary>The group coordinator's wait before the first rebalance of a new group (Kafka's default is 3000 ms).</summary>
    public int GroupInitialRebalanceDelayMs { get; init; } = 100;
}
