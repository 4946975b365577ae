namespace EDTF.Streaming.Detection.Pipeline;

/// <summary>Holds reports until the watermark passes them and gives them back in (time, MMSI, arrival) order.</summary>
/// <remarks>
/// Reports are bucketed by event time (AIS times share seconds, so buckets are few and large); a small heap orders the
/// distinct times, and each bucket is sorted by (MMSI, arrival) only when it is released. Adding is O(1) amortised.
/// </remarks>
internal sealed class ReorderBuffer
{
    private readonly Dictionary<long, List<Observation>> _buckets = [];
    private readonly PriorityQueue<long, long> _times = new();
    private readonly Stack<List<Observation>> _pool = new();
    private List<Observation>? _draining;
    private int _drainIndex;

    public int Count { get; private set; }

    public void Add(in Observation o)
    {
        if (!_buckets.TryGetValue(o.TimeMs, out var bucket))
        {
            bucket = _pool.Count > 0 ? _pool.Pop() : new List<Observation>(16);
            _buckets[o.TimeMs] = bucket;
            _times.Enqueue(o.TimeMs, o.TimeMs);
        }

        bucket.Add(o);
        Count++;
    }

    /// <summary>Takes the smallest report whose time is at most <paramref name="untilMs"/>.</summary>
    public bool TryTake(long untilMs, out Observation o)
    {
        while (true)
        {
            if (_draining is { } d)
            {
                if (_drainIndex < d.Count)
                {
                    o = d[_drainIndex++];
                    Count--;
                    return true;
                }

                d.Clear();
                _pool.Push(d);
                _draining = null;
            }

            if (!_times.TryPeek(out var time, out _) || time > untilMs)
            {
                o = default;
                return false;
            }

            _times.Dequeue();
            _buckets.Remove(time, out var bucket);
            if (!IsSorted(bucket!))
            {
                bucket!.Sort(static (a, b) => Observation.Compare(a, b));
            }

            _draining = bucket;
            _drainIndex = 0;
        }
    }

    private static bool IsSorted(List<Observation> bucket)
    {
        for (var i = 1; i < bucket.Count; i++)
        {
            if (Observation.Compare(bucket[i - 1], bucket[i]) > 0)
            {
                return false;
            }
        }

        return true;
    }
}
