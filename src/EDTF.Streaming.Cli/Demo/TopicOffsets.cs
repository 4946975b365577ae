using Confluent.Kafka;

namespace EDTF.Streaming.Cli.Demo;

/// <summary>A topic's partitions and their high watermarks (the offset the next record will get), asked of the broker.</summary>
internal static class TopicOffsets
{
    public static IReadOnlyList<int> Partitions(string bootstrapServers, string topic, TimeSpan timeout)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers }).SetLogHandler((_, _) => { }).Build();
        var metadata = admin.GetMetadata(topic, timeout).Topics.FirstOrDefault(t => t.Topic == topic);
        return metadata is null || metadata.Error.IsError || metadata.Partitions.Count == 0
            ? throw new InvalidOperationException($"topic '{topic}' is not available at {bootstrapServers}: {metadata?.Error.Reason ?? "not in metadata"}")
            : [.. metadata.Partitions.Select(p => p.PartitionId).Order()];
    }

    public static Dictionary<int, long> HighWatermarks(string bootstrapServers, string topic, IReadOnlyList<int> partitions, TimeSpan timeout)
    {
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "edtf-demo-offsets",
            EnableAutoCommit = false,
        }).SetLogHandler((_, _) => { }).Build();
        return partitions.ToDictionary(p => p, p => consumer.QueryWatermarkOffsets(new TopicPartition(topic, p), timeout).High.Value);
    }
}
