using Confluent.Kafka;
using EDTF.Streaming.Kafka.Clients;

namespace EDTF.Streaming.Cli.Demo;

/// <summary>A topic's partitions and their high watermarks (the offset the next record will get), asked of the (embedded, plaintext) broker.</summary>
internal static class TopicOffsets
{
    private static readonly Dictionary<string, string> Plaintext = [];

    public static IReadOnlyList<int> Partitions(string bootstrapServers, string topic, TimeSpan timeout)
    {
        using var admin = KafkaClients.Admin(KafkaClientSettings.Apply(new AdminClientConfig(), bootstrapServers, Plaintext), DemoKafkaLog.Warnings).Build();
        var metadata = admin.GetMetadata(topic, timeout).Topics.FirstOrDefault(t => t.Topic == topic);
        return metadata is null || metadata.Error.IsError || metadata.Partitions.Count == 0
            ? throw new InvalidOperationException($"topic '{topic}' is not available at {bootstrapServers}: {metadata?.Error.Reason ?? "not in metadata"}")
            : [.. metadata.Partitions.Select(p => p.PartitionId).Order()];
    }

    public static Dictionary<int, long> HighWatermarks(string bootstrapServers, string topic, IReadOnlyList<int> partitions, TimeSpan timeout)
    {
        var config = KafkaClientSettings.Apply(new ConsumerConfig { GroupId = "edtf-demo-offsets", EnableAutoCommit = false }, bootstrapServers, Plaintext);
        using var consumer = KafkaClients.Consumer<byte[]?, byte[]?>(config, DemoKafkaLog.Warnings).Build();
        return partitions.ToDictionary(p => p, p => consumer.QueryWatermarkOffsets(new TopicPartition(topic, p), timeout).High.Value);
    }
}
