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
        TopicScan.ReadAll(options, options.AlertsTopic, ".published-scan", timeout, log, r =>
        {
            var ceId = r.Message.Headers is { } headers && headers.TryGetLastBytes(KafkaHeaderNames.CeId, out var id) ? Encoding.UTF8.GetString(id) : null;
            if (r.Message.Value is { } body && AlertEventIds.OfRecord(ceId, body) is { } eventId)
            {
                result.Add(eventId);
            }
        });
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
