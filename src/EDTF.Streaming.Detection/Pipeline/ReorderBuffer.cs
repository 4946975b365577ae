namespace EDTF.Streaming.Detection.Pipeline;

/// <summary>Holds reports until the watermark passes them and gives them back in (time, MMSI, arrival) order.</summary>
/// <remarks>In-order arrivals go to a FIFO (cheap); only out-of-order ones pay for the heap.</remarks>
internal sealed class ReorderBuffer
{
    private readonly Queue<Observation> _inOrder = new();
    private readonly PriorityQueue<Observation, Observation> _outOfOrder = new(ObservationComparer.Instance);
    private Observation _tail;

    public int Count => _inOrder.Count + _outOfOrder.Count;

    public void Add(in Observation o)
    {
        if (_inOrder.Count == 0 || Observation.Compare(o, _tail) >= 0)
        {
            _inOrder.Enqueue(o);
            _tail = o;
        }
        else
        {
            _outOfOrder.Enqueue(o, o);
        }
    }

    /// <summary>Takes the smallest report whose time is at most <paramref name="untilMs"/>.</summary>
    public bool TryTake(long untilMs, out Observation o)
    {
        var hasA = _inOrder.TryPeek(out var a);
        var hasB = _outOfOrder.TryPeek(out var b, out _);
        if (hasA && (!hasB || Observation.Compare(a, b) <= 0))
        {
            if (a.TimeMs > untilMs)
            {
                o = default;
                return false;
            }

            o = _inOrder.Dequeue();
            return true;
        }

        if (hasB && b.TimeMs <= untilMs)
        {
            o = _outOfOrder.Dequeue();
            return true;
        }

        o = default;
        return false;
    }

    private sealed class ObservationComparer : IComparer<Observation>
    {
        public static readonly ObservationComparer Instance = new();

        public int Compare(Observation x, Observation y) => Observation.Compare(x, y);
    }
}
