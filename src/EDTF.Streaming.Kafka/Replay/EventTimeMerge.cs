namespace EDTF.Streaming.Kafka.Replay;

/// <summary>
/// Merges per-file record streams into one in event-time order (a k-way merge): the next record is always the
/// earliest of the files' next records; ties go to the earlier file; each file's own order is kept.
/// </summary>
/// <remarks>A record without event time is taken as soon as it heads its file's stream.</remarks>
internal static class EventTimeMerge
{
    public static IEnumerable<ReplayRecord> Merge(IReadOnlyList<IEnumerable<ReplayRecord>> sources)
    {
        if (sources.Count == 1)
        {
            foreach (var record in sources[0])
            {
                yield return record;
            }

            yield break;
        }

        var enumerators = new List<IEnumerator<ReplayRecord>>(sources.Count);
        try
        {
            var queue = new PriorityQueue<int, (long TimeMs, int Source)>(sources.Count);
            for (var i = 0; i < sources.Count; i++)
            {
                var enumerator = sources[i].GetEnumerator();
                enumerators.Add(enumerator);
                if (enumerator.MoveNext())
                {
                    queue.Enqueue(i, (enumerator.Current.EventTimeMs ?? long.MinValue, i));
                }
            }

            while (queue.TryDequeue(out var source, out _))
            {
                var enumerator = enumerators[source];
                yield return enumerator.Current;
                if (enumerator.MoveNext())
                {
                    queue.Enqueue(source, (enumerator.Current.EventTimeMs ?? long.MinValue, source));
                }
            }
        }
        finally
        {
            foreach (var enumerator in enumerators)
            {
                enumerator.Dispose();
            }
        }
    }
}
