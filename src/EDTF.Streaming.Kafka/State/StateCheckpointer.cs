using System.Diagnostics;
using EDTF.Streaming.Detection;

namespace EDTF.Streaming.Kafka.State;

/// <summary>
/// Decides when the pipeline is snapshotted and which input offsets may be committed: a snapshot records the next offset of every
/// assigned partition of what entered the pipeline (its buffered reports are inside it); it goes to the state topic once every
/// output produced before it is acknowledged; once the topic has acknowledged it, its offsets may be stored.
/// </summary>
/// <remarks>
/// Owned by the processing thread (or the consume thread once processing has stopped). A snapshot is not taken while a record that
/// entered the pipeline holds a fragment of a multi-sentence message not yet complete (restarting after it would lose the message).
/// </remarks>
internal sealed class StateCheckpointer(StateOptions options, StateTopic topic, OffsetTracker tracker, IStateMetrics metrics, TimeProvider clock, Action<string> log, Action<string> note)
{
    private readonly Dictionary<int, long> _next = [];
    private readonly List<object> _openHolds = [];
    private long _nextDue = Stopwatch.GetTimestamp() + IntervalTicks(options);
    private Pending? _pending;
    private Dictionary<int, long>? _durable;
    private long _sequence;
    private CatchUp? _catchUp;

    /// <summary>Partitions assigned, with the offset each starts at (nothing of them entered yet).</summary>
    public void Assigned(IReadOnlyDictionary<int, long> starts)
    {
        foreach (var (p, o) in starts)
        {
            _next[p] = o;
        }
    }

    /// <summary>State was restored from a snapshot; the instance is caught up once every partition reached <paramref name="ends"/> (high watermarks at the restore).</summary>
    public void Restored(IReadOnlyDictionary<int, long> offsets, IReadOnlyDictionary<int, long> ends)
    {
        var toReplay = ends.Sum(kv => Math.Max(0, kv.Value - offsets.GetValueOrDefault(kv.Key)));
        _catchUp = new CatchUp(ends, Stopwatch.GetTimestamp());
        note($"restored state from a snapshot, {toReplay:N0} records after it to replay");
        if (toReplay == 0)
        {
            CheckCaughtUp();
        }
    }

    public void Removed(int partition) => _next.Remove(partition);

    /// <summary>A record went into the pipeline.</summary>
    public void Entered(int partition, long offset, object? holds)
    {
        _next[partition] = offset + 1;
        if (holds is not null)
        {
            _openHolds.Add(holds);
        }

        if (_catchUp is not null)
        {
            _catchUp.Replayed++;
            if (_catchUp.Ends.TryGetValue(partition, out var end) && offset + 1 >= end)
            {
                CheckCaughtUp();
            }
        }
    }

    /// <summary>Once per processing round: takes a snapshot when due, writes it once its outputs are acknowledged, notes it durable once written.</summary>
    public void Round(DetectionPipeline pipeline)
    {
        if (_pending is { } p)
        {
            Advance(p);
            return;
        }

        if (Stopwatch.GetTimestamp() >= _nextDue && Take(pipeline) is { } taken)
        {
            _pending = taken;
            Advance(taken);
        }
    }

    /// <summary>Snapshot now and wait (bounded) until it is on the topic: before partitions are revoked or the service stops.</summary>
    public void Final(DetectionPipeline pipeline, TimeSpan timeout)
    {
        var started = Stopwatch.GetTimestamp();
        _pending = null;
        if (Take(pipeline) is not { } taken)
        {
            return;
        }

        _pending = taken;
        while (_pending is not null && Stopwatch.GetElapsedTime(started) < timeout)
        {
            Advance(taken);
            if (_pending is not null)
            {
                topic.Flush(TimeSpan.FromMilliseconds(100));
            }
        }

        if (_pending is not null)
        {
            log($"warn: the final state snapshot was not acknowledged within {timeout.TotalSeconds:N0} s; the next owner restores an older one");
            _pending = null;
        }
    }

    /// <summary>The offsets of the newest durable snapshot not yet handed out (to be stored), or null.</summary>
    public Dictionary<int, long>? TakeDurable()
    {
        var d = _durable;
        _durable = null;
        return d;
    }

    private static long IntervalTicks(StateOptions options) => (long)(options.SnapshotIntervalSeconds * Stopwatch.Frequency);

    private Pending? Take(DetectionPipeline pipeline)
    {
        _openHolds.RemoveAll(FragmentHold.AllReleased);
        if (_openHolds.Count > 0 || _next.Count == 0)
        {
            return null; // a message split over records is incomplete, or nothing is assigned: try again next round
        }

        var started = Stopwatch.GetTimestamp();
        using var buffer = new MemoryStream();
        pipeline.WriteSnapshot(buffer);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        metrics.SnapshotTaken(buffer.Length, seconds);
        _nextDue = Stopwatch.GetTimestamp() + IntervalTicks(options);
        var id = (clock.GetUtcNow().ToUnixTimeMilliseconds() * 1000) + (_sequence++ % 1000);
        return new Pending(id, new Dictionary<int, long>(_next), buffer.ToArray(), tracker.LastIssued);
    }

    private void Advance(Pending p)
    {
        if (p.Delivery is null)
        {
            if (tracker.AcknowledgedThrough < p.NeedsAcknowledged)
            {
                return; // alerts produced before the snapshot are not all acknowledged yet
            }

            p.Delivery = new StateTopic.Delivery();
            topic.Write(p.Id, p.Offsets, p.Bytes, p.Delivery);
            return;
        }

        if (p.Delivery.Error is { } error)
        {
            metrics.SnapshotFailed();
            log($"warn: state snapshot not written to '{options.Topic}': {error}; offsets stay at the previous snapshot, the next one tries again");
            _pending = null;
            return;
        }

        if (p.Delivery.Durable)
        {
            metrics.SnapshotDurable();
            _durable = p.Offsets;
            _pending = null;
        }
    }

    private void CheckCaughtUp()
    {
        if (_catchUp is not { } c || c.Ends.Any(kv => _next.GetValueOrDefault(kv.Key, long.MaxValue) < kv.Value))
        {
            return;
        }

        var seconds = Stopwatch.GetElapsedTime(c.Started).TotalSeconds;
        metrics.CaughtUp(c.Replayed, seconds);
        var caughtUp = $"caught up {seconds:N1} s after the restore ({c.Replayed:N0} records replayed)";
        note(caughtUp);
        log($"state: {caughtUp}");
        _catchUp = null;
    }

    private sealed class Pending(long id, Dictionary<int, long> offsets, byte[] bytes, long needsAcknowledged)
    {
        public long Id { get; } = id;

        public Dictionary<int, long> Offsets { get; } = offsets;

        public byte[] Bytes { get; } = bytes;

        /// <summary>Outputs issued before the snapshot: all must be acknowledged before it is written.</summary>
        public long NeedsAcknowledged { get; } = needsAcknowledged;

        public StateTopic.Delivery? Delivery { get; set; }
    }

    private sealed class CatchUp(IReadOnlyDictionary<int, long> ends, long started)
    {
        public IReadOnlyDictionary<int, long> Ends { get; } = ends;

        public long Started { get; } = started;

        public long Replayed { get; set; }
    }
}
