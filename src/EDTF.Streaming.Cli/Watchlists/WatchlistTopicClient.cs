using System.Text;
using Confluent.Kafka;
using EDTF.Streaming.Kafka;
using EDTF.Streaming.Kafka.Clients;

namespace EDTF.Streaming.Cli.Watchlists;

/// <summary>The watch-list topic as <c>edtf watchlist publish</c> sees it: its current values by key, and the writes of a plan.</summary>
internal static class WatchlistTopicClient
{
    private static readonly TimeSpan MetadataTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The topic's current value per key (latest record wins; a tombstone removes the key), read to the end of every partition.</summary>
    /// <exception cref="KafkaException">The broker cannot be reached or the topic does not exist.</exception>
    public static Dictionary<string, string> ReadCurrent(KafkaOptions kafka, string topic, Action<string> log, CancellationToken stop)
    {
        var onLog = KafkaLog.To(log, SyslogLevel.Warning);
        var config = KafkaClientSettings.Apply(new ConsumerConfig
        {
            GroupId = "edtf-watchlist-publish", // never joined: partitions are assigned by hand and nothing is committed
            EnableAutoCommit = false,
            EnablePartitionEof = true,
        }, kafka);
        using var consumer = KafkaClients.Consumer<string, byte[]>(config, onLog).Build();
        using var admin = new DependentAdminClientBuilder(consumer.Handle).Build();
        var metadata = admin.GetMetadata(topic, MetadataTimeout).Topics.FirstOrDefault(t => t.Topic == topic);
        if (metadata is null || metadata.Error.IsError || metadata.Partitions.Count == 0)
        {
            throw new KafkaException(new Error(ErrorCode.UnknownTopicOrPart, $"topic '{topic}' is not available ({metadata?.Error.Reason ?? "not in metadata"})"));
        }

        var atEnd = metadata.Partitions.Select(p => p.PartitionId).ToHashSet();
        consumer.Assign(atEnd.Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        var current = new Dictionary<string, string>(StringComparer.Ordinal);
        while (atEnd.Count > 0 && !stop.IsCancellationRequested)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (result is null)
            {
                continue;
            }

            if (result.IsPartitionEOF)
            {
                atEnd.Remove(result.Partition.Value);
            }
            else if (result.Message.Key is { Length: > 0 } key)
            {
                if (result.Message.Value is { Length: > 0 } value)
                {
                    current[key] = Encoding.UTF8.GetString(value);
                }
                else
                {
                    current.Remove(key);
                }
            }
        }

        consumer.Close();
        return current;
    }

    /// <summary>Writes the plan's records (timestamp <paramref name="timestamp"/>) and waits for every acknowledgement.</summary>
    /// <exception cref="ProduceException{TKey, TValue}">A record was not acknowledged.</exception>
    public static void Write(KafkaOptions kafka, string topic, WatchlistPublishPlan plan, DateTimeOffset timestamp, Action<string> log)
    {
        var config = KafkaClientSettings.Apply(new ProducerConfig { EnableIdempotence = true, Acks = Acks.All }, kafka);
        using var producer = KafkaClients.Producer<string, byte[]?>(config, KafkaLog.To(log, SyslogLevel.Warning)).Build();
        var stamp = new Timestamp(timestamp.UtcDateTime, TimestampType.CreateTime);
        var sends = plan.Writes
            .Select(w => producer.ProduceAsync(topic, new Message<string, byte[]?>
            {
                Key = w.Key,
                Value = w.Value is null ? null : Encoding.UTF8.GetBytes(w.Value),
                Timestamp = stamp,
            }))
            .ToArray();
        producer.Flush(TimeSpan.FromSeconds(30));
        Task.WaitAll(sends);
    }
}
