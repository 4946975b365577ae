using System.Diagnostics;
using Confluent.Kafka;
using EDTF.Streaming.Kafka.Clients;

namespace EDTF.Streaming.Kafka;

/// <summary>Where assigned partitions start: from the committed offsets, or earlier to rebuild vessel state from the records of the rebuild window (ADR 0002).</summary>
internal sealed partial class KafkaDetectionService
{
    private List<TopicPartitionOffset> StartPositions(IConsumer<ScratchBytes, ScratchBytes> consumer, List<TopicPartition> partitions)
    {
        if (_options.StateRebuildHours <= 0 || partitions.Count == 0)
        {
            return partitions.Select(tp => new TopicPartitionOffset(tp, Offset.Unset)).ToList();
        }

        var timeout = TimeSpan.FromSeconds(30);
        var committed = consumer.Committed(partitions, timeout).ToDictionary(c => c.Partition.Value, c => c.Offset);
        var last = LastProcessedTimestamps(partitions.Where(tp => committed.GetValueOrDefault(tp.Partition.Value, Offset.Unset) is { IsSpecial: false, Value: > 0 })
            .Select(tp => new TopicPartitionOffset(tp, committed[tp.Partition.Value].Value - 1)).ToList());
        var since = partitions.ToDictionary(tp => tp.Partition.Value, tp => RebuildWindowStart(_clock, _options.StateRebuildHours, last.GetValueOrDefault(tp.Partition.Value)));
        var byTime = consumer.OffsetsForTimes(partitions.Select(tp => new TopicPartitionTimestamp(tp, since[tp.Partition.Value])), timeout)
            .ToDictionary(o => o.Partition.Value, o => o.Offset);
        var result = new List<TopicPartitionOffset>(partitions.Count);
        foreach (var tp in partitions)
        {
            var p = tp.Partition.Value;
            var c = committed.GetValueOrDefault(p, Offset.Unset);
            var t = byTime.GetValueOrDefault(p, Offset.End);
            result.Add(new TopicPartitionOffset(tp, StartPosition(c, t, () => last.TryGetValue(p, out var l) && l >= since[p].UtcDateTime)));
        }

        return result;
    }

    /// <summary>The start of the state-rebuild window: the clock's now minus <paramref name="hours"/>.</summary>
    internal static Timestamp RebuildWindowStart(TimeProvider clock, double hours) => RebuildWindowStart(clock, hours, null);

    /// <summary>
    /// The start of the state-rebuild window: <paramref name="hours"/> before the last processed record's timestamp, or before
    /// the clock's now when that is earlier or unknown. Anchored at the record, a replay of history (record timestamps = event
    /// time, months old) still finds its window.
    /// </summary>
    internal static Timestamp RebuildWindowStart(TimeProvider clock, double hours, DateTime? lastProcessedUtc)
    {
        var now = clock.GetUtcNow();
        var anchor = lastProcessedUtc is { } l && l.Year > 1 && new DateTimeOffset(l, TimeSpan.Zero) < now ? new DateTimeOffset(l, TimeSpan.Zero) : now;
        return new Timestamp(anchor.AddHours(-hours));
    }

    /// <summary>
    /// Where an assigned partition starts when state is rebuilt, from its committed offset and the first offset inside the
    /// rebuild window (<paramref name="byTime"/>, special when the broker found none); <paramref name="lastBeforeIsInside"/>
    /// probes whether the last processed record is inside the window.
    /// </summary>
    internal static Offset StartPosition(Offset committed, Offset byTime, Func<bool> lastBeforeIsInside)
    {
        if (committed.IsSpecial)
        {
            return Offset.Unset; // a new group: auto.offset.reset decides
        }

        if (!byTime.IsSpecial)
        {
            return byTime.Value < committed.Value ? byTime : committed; // rebuild vessel state from the records inside the window
        }

        // The broker found no record inside the window, yet the last processed one is inside it: it cannot look offsets up
        // by time (the embedded broker answers -1), so rebuild from the start of the retained log.
        return committed.Value > 0 && lastBeforeIsInside() ? Offset.Beginning : committed;
    }

    /// <summary>The start-position probe: brokers and <c>Kafka:Client</c>, its own group, nothing committed.</summary>
    internal static ConsumerConfig BuildProbeConfig(KafkaOptions options) =>
        KafkaClientSettings.Apply(new ConsumerConfig { GroupId = options.GroupId + ".probe", EnableAutoCommit = false }, options);

    /// <summary>The timestamps (UTC) of the last processed records (<paramref name="positions"/>: each partition at its committed offset minus one), read with one probe consumer within 5 s.</summary>
    private Dictionary<int, DateTime> LastProcessedTimestamps(List<TopicPartitionOffset> positions)
    {
        var found = new Dictionary<int, DateTime>();
        if (positions.Count == 0)
        {
            return found;
        }

        using var probe = KafkaClients.Consumer<Ignore, Ignore>(BuildProbeConfig(_options), KafkaLog.To(_log)).Build();
        probe.Assign(positions);
        var started = Stopwatch.GetTimestamp(); // a bound on real I/O: monotonic elapsed time, not the (injectable) clock
        var wanted = positions.Select(p => p.Partition.Value).ToHashSet();
        while (wanted.Count > 0 && Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(5))
        {
            var r = probe.Consume(TimeSpan.FromMilliseconds(200));
            if (r is { IsPartitionEOF: false } && wanted.Remove(r.Partition.Value))
            {
                found[r.Partition.Value] = r.Message.Timestamp.UtcDateTime;
                probe.Pause([r.TopicPartition]);
            }
            else if (r is { IsPartitionEOF: true })
            {
                wanted.Remove(r.Partition.Value);
            }
        }

        return found;
    }
}
