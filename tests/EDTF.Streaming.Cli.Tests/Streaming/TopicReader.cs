using Confluent.Kafka;

namespace EDTF.Streaming.Cli.Tests.Streaming;

/// <summary>Reads every record of a topic, from the beginning to the current end of each partition.</summary>
internal static class TopicReader
{
    public static List<ConsumeResult<byte[]?, byte[]?>> ReadAll(string bootstrap, string topic, int partitions)
    {
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            GroupId = "topic-reader",
            EnableAutoCommit = false,
            EnablePartitionEof = true,
        }).SetLogHandler((_, _) => { }).Build();
        var tps = Enumerable.Range(0, partitions).Select(p => new TopicPartition(topic, p)).ToList();
        var remaining = tps.Where(tp =>
        {
            var w = consumer.QueryWatermarkOffsets(tp, TimeSpan.FromSeconds(10));
            return w.High > w.Low;
        }).Select(tp => tp.Partition.Value).ToHashSet();
        var result = new List<ConsumeResult<byte[]?, byte[]?>>();
        if (remaining.Count == 0)
        {
            return result;
        }

        consumer.Assign(tps.Select(tp => new TopicPartitionOffset(tp, Offset.Beginning)));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (remaining.Count > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"reading {topic} did not reach the end");
            }

            var r = consumer.Consume(TimeSpan.FromMilliseconds(100));
            if (r is null)
            {
                continue;
            }

            if (r.IsPartitionEOF)
            {
                remaining.Remove(r.Partition.Value);
            }
            else
            {
                result.Add(r);
            }
        }

        return result;
    }
}
