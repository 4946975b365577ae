using System.Collections.Concurrent;
using System.Diagnostics;

namespace EDTF.Streaming.Kafka;

/// <summary>
/// Decides when an input offset may be stored: after the record went through the pipeline and every record produced
/// up to then (alerts, dead letters) was acknowledged by the broker.
/// </summary>
/// <remarks>Produce calls and delivery reports happen on different threads; everything else runs on the consume thread.</remarks>
internal sealed class OffsetTracker
{
    private readonly ConcurrentQueue<long> _acked = new();
    private readonly HashSet<long> _ackedAhead = [];
    private readonly Queue<Entry> _released = new();
    private long _lastIssued;
    private long _contiguousAcked;
    private int _failures;

    /// <summary>Outputs produced and not yet acknowledged.</summary>
    public long Outstanding => _lastIssued - Volatile.Read(ref _contiguousAcked) - _ackedAhead.Count;

    /// <summary>Delivery failures seen (the service stops on the first: at-least-once needs every output).</summary>
    public int Failures => Volatile.Read(ref _failures);

    /// <summary>Records released and waiting for their outputs' acknowledgement.</summary>
    public int Waiting => _released.Count;

    /// <summary>Sequence number for an output about to be produced (consume thread).</summary>
    public long Issue() => ++_lastIssued;

    /// <summary>A delivery report (any thread).</summary>
    public void Acknowledge(long sequence, bool success)
    {
        if (!success)
        {
            Interlocked.Increment(ref _failures);
        }

        _acked.Enqueue(sequence);
    }

    /// <summary>The record went through the pipeline; it may be stored once every output issued so far is acknowledged.</summary>
    public void Released(int partition, long offset, long consumedTimestamp) =>
        _released.Enqueue(new Entry(partition, offset + 1, _lastIssued, consumedTimestamp));

    /// <summary>Forgets released records of a partition that is gone (their offsets can no longer be stored).</summary>
    public void Forget(int partition)
    {
        if (_released.Count == 0)
        {
            return;
        }

        var keep = _released.Where(e => e.Partition != partition).ToList();
        _released.Clear();
        foreach (var e in keep)
        {
            _released.Enqueue(e);
        }
    }

    /// <summary>Applies delivery reports and calls <paramref name="store"/> (partition, next offset, seconds since consumed) for every record now complete, in order.</summary>
    public void Drain(Action<int, long, double> store)
    {
        while (_acked.TryDequeue(out var seq))
        {
            _ackedAhead.Add(seq);
        }

        while (_ackedAhead.Remove(_contiguousAcked + 1))
        {
            _contiguousAcked++;
        }

        var now = Stopwatch.GetTimestamp();
        while (_released.TryPeek(out var e) && e.NeedsSequence <= _contiguousAcked)
        {
            _released.Dequeue();
            store(e.Partition, e.NextOffset, Stopwatch.GetElapsedTime(e.ConsumedTimestamp, now).TotalSeconds);
        }
    }

    private readonly record struct Entry(int Partition, long NextOffset, long NeedsSequence, long ConsumedTimestamp);
}
