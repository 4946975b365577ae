using System.Diagnostics;
using Confluent.Kafka;
using EDTF.Streaming.Kafka.Clients;

namespace EDTF.Streaming.Kafka;

/// <summary>Reads a whole topic once, from the start of every partition to its end (the alerts topic's ids, the state topic's snapshots).</summary>
internal static class TopicScan
{
    /// <summary>Calls <paramref name="onRecord"/> for every record of <paramref name="topic"/>; false when the topic does not exist; throws <see cref="TimeoutException"/> when the end is not reached in time.</summary>
    public static bool ReadAll(KafkaOptions options, string topic, string groupSuffix, TimeSpan timeout, Action<string> log, Action<ConsumeResult<byte[]?, byte[]?>> onRecord)
    {
        using var admin = KafkaClients.Admin(PublishedAlerts.AdminConfig(options), KafkaLog.To(log)).Build();
        var metadata = admin.GetMetadata(topic, timeout);
        var partitions = metadata.Topics.Where(t => t.Error.Code == ErrorCode.NoError)
            .SelectMany(t => t.Partitions.Select(p => new TopicPartition(t.Topic, p.PartitionId))).ToList();
        if (partitions.Count == 0)
        {
            return false;
        }

        var config = PublishedAlerts.ConsumerConfig(options);
        config.GroupId = options.GroupId + groupSuffix;
        using var consumer = KafkaClients.Consumer<byte[]?, byte[]?>(config, KafkaLog.To(log)).Build();
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
            return true;
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

            onRecord(r);
        }

        if (remaining.Count > 0)
        {
            throw new TimeoutException($"reading the topic '{topic}' did not finish within {timeout}");
        }

        return true;
    }
}
