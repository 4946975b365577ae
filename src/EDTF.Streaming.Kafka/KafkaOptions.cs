namespace EDTF.Streaming.Kafka;

/// <summary>The <c>Kafka</c> configuration section: where the service reads AIS lines and writes alerts and dead letters.</summary>
public sealed class KafkaOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Kafka";

    public string BootstrapServers { get; set; } = "127.0.0.1:9092";

    public string InputTopic { get; set; } = "ais.raw";

    public string AlertsTopic { get; set; } = "edtf.alerts";

    public string DlqTopic { get; set; } = "ais.raw.dlq";

    public string GroupId { get; set; } = "edtf";

    /// <summary>CloudEvents <c>source</c> attribute of every alert record.</summary>
    public string CloudEventsSource { get; set; } = "urn:edtf:streaming";

    /// <summary>
    /// On partition assignment, start this many hours (by record timestamp) before the committed offset, so vessel state is
    /// rebuilt; alert updates already on the alerts topic are not produced again. 0 resumes exactly at the committed offset.
    /// </summary>
    public double StateRebuildHours { get; set; } = 48;

    /// <summary>A partition whose queue waits for slower partitions is paused above this many records (memory bound; above one fetch of a partition, since a pause drops what was prefetched).</summary>
    public int MaxQueuedRecordsPerPartition { get; set; } = 20_000;

    /// <summary>
    /// When every assigned partition has been at its end this long (wall clock) while fragments of multi-sentence messages
    /// wait for the rest, those messages are rejected (<c>expired_fragments</c>/<c>orphan_fragment</c>) and the offsets they
    /// held are stored: the producer had that long to write the missing fragment.
    /// </summary>
    public double FragmentQuietSeconds { get; set; } = 10;

    /// <summary>A record larger than this (bytes) is not decoded: it is rejected whole (<c>record_too_large</c>) and dead-lettered.</summary>
    public int MaxRecordBytes { get; set; } = 1_048_576;

    /// <summary>A record with more lines than this is not decoded: it is rejected whole (<c>too_many_lines</c>) and dead-lettered.</summary>
    public int MaxLinesPerRecord { get; set; } = 10_000;

    /// <summary>
    /// A dead letter's value is cut to this many bytes (headers <c>edtf.dlq.truncated</c> and <c>edtf.dlq.original.bytes</c> say so),
    /// under the producer's <c>message.max.bytes</c> (1,000,000 by default) with room for the headers.
    /// </summary>
    public int MaxDeadLetterBytes { get; set; } = 900_000;

    /// <summary>
    /// A partition at its end (nothing more to read) keeps holding the partition merge and the event-time watermark at its
    /// own clock until it has been at its end this long (wall clock), then stops holding them back until it delivers again
    /// (Flink's <c>withIdleness</c>). Long enough for every partition of a burst to deliver; it also delays the last records
    /// before a pause in the input by as much.
    /// </summary>
    public double PartitionIdleSeconds { get; set; } = 30;

    /// <summary>
    /// The lease topic: of all instances of one group, only the one holding partition 0 of this topic (consumer group
    /// <c>{GroupId}.lease</c>) detects, reading every partition of the input topic; the others stand by and take over when it
    /// leaves or dies (docs/adr/0004-one-detector-per-group.md). Empty: no lease, the instance joins the input topic's group and
    /// detects on the partitions it is given (right only as the group's single member).
    /// </summary>
    public string LeaseTopic { get; set; } = "edtf.lease";

    /// <summary>
    /// The compacted watch-list topic (key = entry id, value = entry JSON, tombstone = delisted) the detecting instance reads from
    /// the beginning and applies as its event time reaches each change (docs/watchlists.md). Empty: the list file only.
    /// </summary>
    public string WatchlistTopic { get; set; } = "edtf.watchlist";

    /// <summary>How long a silent lease holder keeps the lease (the lease group's <c>session.timeout.ms</c>): the takeover time after a crash.</summary>
    public int LeaseSessionTimeoutMs { get; set; } = 10_000;

    /// <summary>How long shutdown may take to flush the producer and close the consumer.</summary>
    public int CloseTimeoutSeconds { get; set; } = 10;

    /// <summary>
    /// librdkafka properties every client of the service gets (consumer, producer, admin, probes): <c>security.protocol</c>,
    /// <c>sasl.*</c>, <c>ssl.*</c>. A key <c>NAME.file</c> sets <c>NAME</c> to the content of that file (secrets).
    /// </summary>
    public Dictionary<string, string> Client { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>What is wrong with these options, one line each naming the key; empty when they can run.</summary>
    public IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(BootstrapServers))
        {
            yield return "Kafka:BootstrapServers is empty";
        }

        foreach (var (key, topic) in new[] { ("InputTopic", InputTopic), ("AlertsTopic", AlertsTopic), ("DlqTopic", DlqTopic) })
        {
            if (string.IsNullOrWhiteSpace(topic))
            {
                yield return $"Kafka:{key} is empty";
            }
        }

        var topics = new[] { InputTopic, AlertsTopic, DlqTopic, LeaseTopic, WatchlistTopic }.Where(t => !string.IsNullOrWhiteSpace(t)).ToList();
        if (topics.Distinct(StringComparer.Ordinal).Count() != topics.Count)
        {
            yield return $"Kafka:InputTopic, AlertsTopic, DlqTopic, LeaseTopic and WatchlistTopic must differ ({string.Join(", ", topics)})";
        }

        if (string.IsNullOrWhiteSpace(GroupId))
        {
            yield return "Kafka:GroupId is empty";
        }

        if (StateRebuildHours is < 0 or > 24 * 30 || double.IsNaN(StateRebuildHours))
        {
            yield return $"Kafka:StateRebuildHours must be within 0-720, got {StateRebuildHours}";
        }

        if (PartitionIdleSeconds < 0 || double.IsNaN(PartitionIdleSeconds) || FragmentQuietSeconds < 0 || double.IsNaN(FragmentQuietSeconds))
        {
            yield return "Kafka:PartitionIdleSeconds and Kafka:FragmentQuietSeconds must be >= 0";
        }

        if (MaxQueuedRecordsPerPartition < 1 || MaxRecordBytes < 1 || MaxLinesPerRecord < 1 || MaxDeadLetterBytes < 1024)
        {
            yield return "Kafka:MaxQueuedRecordsPerPartition, MaxRecordBytes and MaxLinesPerRecord must be >= 1, MaxDeadLetterBytes >= 1024";
        }

        if (CloseTimeoutSeconds < 1)
        {
            yield return $"Kafka:CloseTimeoutSeconds must be >= 1, got {CloseTimeoutSeconds}";
        }

        if (!string.IsNullOrWhiteSpace(LeaseTopic) && LeaseSessionTimeoutMs < 1000)
        {
            yield return $"Kafka:LeaseSessionTimeoutMs must be >= 1000, got {LeaseSessionTimeoutMs}";
        }
    }

    /// <summary>Any librdkafka consumer property (e.g. <c>session.timeout.ms</c>, or the .NET names like <c>SessionTimeoutMs</c>).</summary>
    public Dictionary<string, string> Consumer { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Any librdkafka producer property (e.g. <c>linger.ms</c>, <c>compression.type</c>).</summary>
    public Dictionary<string, string> Producer { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
