namespace EDTF.Streaming.Detection.Pipeline;

/// <summary>Holds reports until the watermark passes them and gives them back in (time, MMSI, arrival) order.</summary>
/// <remarks>
/// Reports are bucketed by event time (AIS times share seconds, so buckets are few and large); a small heap orders the
/// distinct times, and each bucket is sorted by (MMSI, arrival) only when it is released. The reports themselves sit in
/// a slab of large reusable arrays (allocated on the large object heap, never copied by the GC); buckets hold slot numbers.
/// </remarks>
internal sealed class ReorderBuffer
{
    private const int ChunkShift = 11;
    private const int ChunkSize = 1 << ChunkShift;

    private readonly List<Observation[]> _chunks = [];
    private readonly Stack<int> _freeSlots = new();
    private readonly Dictionary<long, List<int>> _buckets = [];
    private readonly PriorityQueue<long, long> _times = new();
    private readonly Stack<List<int>> _pool = new();
    private readonly Comparison<int> _compare;
    private int _nextSlot;
    private List<int>? _draining;
    private int _drainIndex;

    public ReorderBuffer() => _compare = (a, b) => Observation.Compare(Slot(a), Slot(b));

    public int Count { get; private set; }

    public void Add(in Observation o)
    {
        var slot = Allocate();
        Slot(slot) = o;
        if (!_buckets.TryGetValue(o.TimeMs, out var bucket))
        {
            bucket = _pool.Count > 0 ? _pool.Pop() : new List<int>(64);
            _buckets[o.TimeMs] = bucket;
            _times.Enqueue(o.TimeMs, o.TimeMs);
        }

        bucket.Add(slot);
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
                    var slot = d[_drainIndex++];
                    ref var stored = ref Slot(slot);
                    o = stored;
                    stored = default;
                    _freeSlots.Push(slot);
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
                bucket!.Sort(_compare);
            }

            _draining = bucket;
            _drainIndex = 0;
        }
    }

    private int Allocate()
    {
        if (_freeSlots.Count > 0)
        {
            return _freeSlots.Pop();
        }

        if (_nextSlot >> ChunkShift == _chunks.Count)
        {
            _chunks.Add(new Observation[ChunkSize]);
        }

        return _nextSlot++;
    }

    private ref Observation Slot(int slot) => ref _chunks[slot >> ChunkShift][slot & (ChunkSize - 1)];

    private bool IsSorted(List<int> bucket)
    {
        for (var i = 1; i < bucket.Count; i++)
        {
            if (Observation.Compare(Slot(bucket[i - 1]), Slot(bucket[i])) > 0)
            {
                return false;
            }
        }

        return true;
    }
}
