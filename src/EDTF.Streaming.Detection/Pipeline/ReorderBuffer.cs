namespace EDTF.Streaming.Detection.Pipeline;

/// <summary>Holds reports until the watermark passes them and gives them back in (time, MMSI, arrival) order.</summary>
/// <remarks>
/// Reports are bucketed by event time (AIS times share seconds, so buckets are few and large); a small heap orders the
/// distinct times, and each bucket is sorted by (MMSI, arrival) only when it is released. The reports themselves stay
/// in blocks of 4,096 and buckets hold slot numbers (block, index): either blocks this buffer fills by copying
/// (<see cref="Add"/>), or blocks a reader filled on another thread and lends as they are (<see cref="OpenBlock"/>,
/// <see cref="AddFromBlock"/>, <see cref="SealBlock"/>), which saves a copy per report and leaves the cost of fresh
/// memory to the reader. A block goes back (to this buffer's pool, or to its lender) once sealed and fully taken.
/// </remarks>
internal sealed class ReorderBuffer
{
    /// <summary>Reports per block (lent blocks may hold fewer, never more).</summary>
    public const int BlockSize = 1 << BlockShift;

    private const int BlockShift = 12;

    private readonly List<Block?> _blocks = [];
    private readonly Stack<int> _freeIds = new();
    private readonly Stack<Observation[]> _ownPool = new();
    private readonly Dictionary<long, List<int>> _buckets = [];
    private readonly PriorityQueue<long, long> _times = new();
    private readonly Stack<List<int>> _pool = new();
    private readonly Comparison<int> _compare;
    private Block? _own;
    private List<int>? _draining;
    private int _drainIndex;

    public ReorderBuffer() => _compare = (a, b) => Observation.Compare(Slot(a), Slot(b));

    public int Count { get; private set; }

    /// <summary>The reports held now, in no particular order (for the state snapshot; they are released by their own order when added back).</summary>
    public IEnumerable<Observation> Pending()
    {
        foreach (var bucket in _buckets.Values)
        {
            foreach (var slot in bucket)
            {
                yield return _blocks[slot >> BlockShift]!.Items[slot & (BlockSize - 1)];
            }
        }

        if (_draining is { } d)
        {
            for (var i = _drainIndex; i < d.Count; i++)
            {
                var slot = d[i];
                yield return _blocks[slot >> BlockShift]!.Items[slot & (BlockSize - 1)];
            }
        }
    }

    /// <summary>Copies <paramref name="o"/> into a block of this buffer.</summary>
    public void Add(in Observation o)
    {
        if (_own is null || _own.Filled == BlockSize)
        {
            if (_own is { } full)
            {
                Seal(full);
            }

            _own = Register(_ownPool.Count > 0 ? _ownPool.Pop() : new Observation[BlockSize], onReturned: null);
        }

        var index = _own.Filled++;
        _own.Items[index] = o;
        Enqueue(_own, index, o.TimeMs);
    }

    /// <summary>Lends a block filled elsewhere; <paramref name="onReturned"/> runs (on this thread) once it is sealed and every report added from it was taken.</summary>
    public int OpenBlock(Observation[] items, Action onReturned)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(items.Length, BlockSize);
        return Register(items, onReturned).Id;
    }

    /// <summary>Buffers report <paramref name="index"/> of a lent block, in place.</summary>
    public void AddFromBlock(int blockId, int index)
    {
        var block = _blocks[blockId]!;
        Enqueue(block, index, block.Items[index].TimeMs);
    }

    /// <summary>No more reports will be added from this block; it goes back when the last one is taken (at once if none is held).</summary>
    public void SealBlock(int blockId) => Seal(_blocks[blockId]!);

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
                    var block = _blocks[slot >> BlockShift]!;
                    o = block.Items[slot & (BlockSize - 1)];
                    Count--;
                    if (--block.Outstanding == 0 && block.Sealed)
                    {
                        Return(block);
                    }

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

    private void Enqueue(Block block, int index, long timeMs)
    {
        block.Outstanding++;
        if (!_buckets.TryGetValue(timeMs, out var bucket))
        {
            bucket = _pool.Count > 0 ? _pool.Pop() : new List<int>(64);
            _buckets[timeMs] = bucket;
            _times.Enqueue(timeMs, timeMs);
        }

        bucket.Add((block.Id << BlockShift) | index);
        Count++;
    }

    private Block Register(Observation[] items, Action? onReturned)
    {
        int id;
        if (_freeIds.Count > 0)
        {
            id = _freeIds.Pop();
        }
        else
        {
            id = _blocks.Count;
            _blocks.Add(null);
        }

        var block = new Block(id, items, onReturned);
        _blocks[id] = block;
        return block;
    }

    private void Seal(Block block)
    {
        block.Sealed = true;
        if (ReferenceEquals(block, _own))
        {
            _own = null;
        }

        if (block.Outstanding == 0)
        {
            Return(block);
        }
    }

    private void Return(Block block)
    {
        _blocks[block.Id] = null;
        _freeIds.Push(block.Id);
        if (block.OnReturned is { } lender)
        {
            lender();
            return;
        }

        // Drop the references the reports held (static data, sources) before the block is filled again.
        Array.Clear(block.Items, 0, block.Filled);
        _ownPool.Push(block.Items);
    }

    private ref Observation Slot(int slot) => ref _blocks[slot >> BlockShift]!.Items[slot & (BlockSize - 1)];

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

    private sealed class Block(int id, Observation[] items, Action? onReturned)
    {
        public int Id { get; } = id;

        public Observation[] Items { get; } = items;

        public Action? OnReturned { get; } = onReturned;

        /// <summary>Reports copied in so far (own blocks only).</summary>
        public int Filled { get; set; }

        /// <summary>Reports added from this block and not yet taken.</summary>
        public int Outstanding { get; set; }

        public bool Sealed { get; set; }
    }
}
