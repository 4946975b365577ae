using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using EDTF.Streaming.Kafka.Clients;

namespace EDTF.Streaming.Kafka;

/// <summary>The alert updates already on the alerts topic, by <c>ce_id</c> (<see cref="AlertEventIds"/>), read once at start so a state rebuild does not publish them again.</summary>
internal static class PublishedAlerts
{
    public static HashSet<string> Read(KafkaOptions options, TimeSpan timeout, Action<string> log)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        using var admin = KafkaClients.Admin(AdminConfig(options), KafkaLog.To(log)).Build();
        var metadata = admin.GetMetadata(options.AlertsTopic, timeout);
        var partitions = metadata.Topics.SelectMany(t => t.Partitions.Select(p => new TopicPartition(t.Topic, p.PartitionId))).ToList();
        if (partitions.Count == 0)
        {
            return result;
        }

        using var consumer = KafkaClients.Consumer<byte[]?, byte[]?>(ConsumerConfig(options), KafkaLog.To(log)).Build();
        var remaining = new HashSet<int>();
        foreach (var tp in partitions)
        {
            var w = consumer.QueryWatermarkOffsets(tp, timeout);
            if (w.High > w.Low)
            {
                remaining.Add(tp.Partition.Value);
            }
        }

        if (remaining.Count == 0)
        {
            return result;
        }

        consumer.Assign(partitions.Select(tp => new TopicPartitionOffset(tp, Offset.Beginning)));
        var started = Stopwatch.GetTimestamp(); // a bound on real I/O: monotonic elapsed time, not the wall clock
        while (remaining.Count > 0 && Stopwatch.GetElapsedTime(started) < timeout)
        {
            var r = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (r is null)
            {
                continue;
            }

            if (r.IsPartitionEOF)
            {
                remaining.Remove(r.Partition.Value);
                continue;
            }

            var ceId = r.Message.Headers is { } headers && headers.TryGetLastBytes(KafkaHeaderNames.CeId, out var id) ? Encoding.UTF8.GetString(id) : null;
            if (r.Message.Value is { } body && AlertEventIds.OfRecord(ceId, body) is { } eventId)
            {
                result.Add(eventId);
            }
        }

        if (remaining.Count > 0)
        {
            throw new TimeoutException($"reading the alerts topic '{options.AlertsTopic}' did not finish within {timeout}");
        }

        return result;
    }

    /// <summary>The admin client asking for the alert topic's partitions: brokers and <c>Kafka:Client</c>.</summary>
    internal static AdminClientConfig AdminConfig(KafkaOptions options) => KafkaClientSettings.Apply(new AdminClientConfig(), options);

    /// <summary>The scan consumer: brokers, <c>Kafka:Client</c>, and the transport settings of <c>Kafka:Consumer</c>; nothing committed.</summary>
    internal static ConsumerConfig ConsumerConfig(KafkaOptions options)
    {
        var config = new ConsumerConfig
        {
            GroupId = options.GroupId + ".published-scan",
            EnableAutoCommit = false,
        };
        KafkaClientSettings.Apply(config, options);
        KafkaConfig.Apply(config, options.Consumer.Where(kv => IsTransportSetting(kv.Key)).ToDictionary());
        config.EnablePartitionEof = true;
        return config;
    }

    private static bool IsTransportSetting(string key)
    {
        var name = KafkaConfig.ToLibrdkafkaName(key);
        return name.StartsWith("security.", StringComparison.Ordinal) || name.StartsWith("ssl.", StringComparison.Ordinal)
            || name.StartsWith("sasl.", StringComparison.Ordinal) || name == "client.dns.lookup";
    }
}
