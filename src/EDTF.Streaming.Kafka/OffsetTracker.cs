using System.Collections.Concurrent;
using System.Diagnostics;

namespace EDTF.Streaming.Kafka;

/// <summary>
/// Decides when an input offset may be stored: after the record went through the pipeline and every record produced
/// up to then (alerts, dead letters) was acknowledged by the broker.
/// </summary>
/// <remarks>
/// Produce calls and delivery reports happen on different threads; everything else runs on the processing thread. A record
/// that carried a fragment of a message still incomplete (<see cref="FragmentHold"/>) waits, with the later records of its
/// partition, until the message is released; other partitions go on.
/// </remarks>
internal sealed class OffsetTracker
{
    private readonly ConcurrentQueue<long> _acked = new();
    private readonly HashSet<long> _ackedAhead = [];
    private readonly Queue<Entry> _released = new();
    private readonly Dictionary<int, Queue<Entry>> _held = [];
    private int _heldCount;
    private long _lastIssued;
    private long _contiguousAcked;
    private int _failures;

    /// <summary>Outputs produced and not yet acknowledged.</summary>
    public long Outstanding => _lastIssued - Volatile.Read(ref _contiguousAcked) - _ackedAhead.Count;

    /// <summary>Delivery failures seen (the service stops on the first: at-least-once needs every output).</summary>
    public int Failures => Volatile.Read(ref _failures);

    /// <summary>Records released and waiting for their outputs' acknowledgement or for a held fragment's message.</summary>
    public int Waiting => _released.Count + _heldCount;

    /// <summary>Records whose outputs are acknowledged but which wait for a fragment's message (theirs or an earlier record's of the partition).</summary>
    public int Held => Volatile.Read(ref _heldCount);

    /// <summary>Outputs issued so far (the sequence number of the last one).</summary>
    public long LastIssued => Volatile.Read(ref _lastIssued);

    /// <summary>Every output up to this sequence number is acknowledged (as of the last <see cref="Drain"/>).</summary>
    public long AcknowledgedThrough => Volatile.Read(ref _contiguousAcked);

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

    /// <summary>
    /// The record went through the pipeline; it may be stored once every output issued so far is acknowledged and its
    /// <paramref name="holds"/> are released. Its <paramref name="completes"/> (messages it completed) are released once its
    /// outputs are acknowledged. Both are null, one <see cref="FragmentHold"/> or an array (<see cref="FragmentHold.Pack"/>).
    /// </summary>
    public void Released(int partition, long offset, long consumedTimestamp, object? holds = null, object? completes = null) =>
        _released.Enqueue(new Entry(partition, offset + 1, _lastIssued, consumedTimestamp, holds, completes));

    /// <summary>Forgets released records of a partition that is gone (their offsets can no longer be stored; messages they completed are let go).</summary>
    public void Forget(int partition)
    {
        if (_held.Remove(partition, out var held))
        {
            _heldCount -= held.Count;
        }

        if (_released.Count == 0)
        {
            return;
        }

        var keep = new List<Entry>(_released.Count);
        foreach (var e in _released)
        {
            if (e.Partition != partition)
            {
                keep.Add(e);
            }
            else
            {
                FragmentHold.ReleaseAll(e.Completes);
            }
        }

        _released.Clear();
        foreach (var e in keep)
        {
            _released.Enqueue(e);
        }
    }

    /// <summary>
    /// Applies delivery reports; calls <paramref name="acknowledged"/> (seconds since consumed) for every record whose outputs
    /// are now all acknowledged, and <paramref name="store"/> (partition, next offset) for every record whose offset may now be
    /// stored, in partition order. The two differ only for records waiting for a fragment's message.
    /// </summary>
    public void Drain(Action<int, long> store, Action<double>? acknowledged = null)
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
            acknowledged?.Invoke(Stopwatch.GetElapsedTime(e.ConsumedTimestamp, now).TotalSeconds);
            FragmentHold.ReleaseAll(e.Completes);
            Queue<Entry>? queue = null;
            if ((_heldCount > 0 && _held.TryGetValue(e.Partition, out queue) && queue.Count > 0) || !FragmentHold.AllReleased(e.Holds))
            {
                if (queue is null && !_held.TryGetValue(e.Partition, out queue))
                {
                    _held[e.Partition] = queue = new Queue<Entry>();
                }

                queue.Enqueue(e);
                _heldCount++;
                continue;
            }

            store(e.Partition, e.NextOffset);
        }

        if (_heldCount == 0)
        {
            return;
        }

        foreach (var queue in _held.Values)
        {
            while (queue.TryPeek(out var e) && FragmentHold.AllReleased(e.Holds))
            {
                queue.Dequeue();
                _heldCount--;
                store(e.Partition, e.NextOffset);
            }
        }
    }

    private readonly record struct Entry(int Partition, long NextOffset, long NeedsSequence, long ConsumedTimestamp, object? Holds, object? Completes);
}
