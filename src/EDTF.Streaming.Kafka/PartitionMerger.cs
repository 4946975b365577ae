using System.Runtime.InteropServices;
using Confluent.Kafka;
using EDTF.Streaming.Ais;

namespace EDTF.Streaming.Kafka;

/// <summary>An undecodable record, copied off the consume buffers, to be produced to the dead-letter topic by the processing thread.</summary>
/// <param name="Key">The original key (null when it had none).</param>
/// <param name="Value">The original value.</param>
/// <param name="Headers">The original headers.</param>
/// <param name="Timestamp">The original timestamp.</param>
/// <param name="Partition">The input partition.</param>
/// <param name="Offset">The input offset.</param>
/// <param name="Rejects">What the decoder rejected in it.</param>
/// <param name="FirstLine">The decoder's running number of the record's first line.</param>
internal sealed record DeadLetter(byte[]? Key, byte[] Value, Headers? Headers, Timestamp Timestamp, int Partition, long Offset, DecodeReject[] Rejects, long FirstLine)
{
    /// <summary>The 1-based line of a reject within the record (0 when it belongs to an earlier record).</summary>
    public long LineInRecord(DecodeReject reject) => reject.Line >= FirstLine ? reject.Line - FirstLine + 1 : 0;
}

/// <summary>One consumed record waiting to enter the pipeline: where it came from and the reports it completed.</summary>
/// <remarks>
/// Reused: the consume thread fills it, the processing thread gives it back once the pipeline has taken its reports. The
/// first report is held inline (most records complete one message), further ones in a list.
/// </remarks>
internal sealed class PendingRecord
{
    private const int SlabSize = 4096;
    private static readonly object SlabGate = new();
    private static AisReport[] _slab = [];
    private static int _nextSlot = SlabSize;
    private readonly AisReport[] _firstSlab;
    private readonly int _firstSlot;
    private List<AisReport>? _more;

    /// <summary>
    /// A record whose first report lives in a slot of a large shared array (the large object heap): records are pooled and
    /// many wait in the merge, and a ~330-byte report inline would be copied by every GC that promotes a new record.
    /// </summary>
    public PendingRecord()
    {
        lock (SlabGate)
        {
            if (_nextSlot == SlabSize)
            {
                _slab = new AisReport[SlabSize];
                _nextSlot = 0;
            }

            _firstSlab = _slab;
            _firstSlot = _nextSlot++;
        }
    }

    public PendingRecord(int partition, long offset, long consumedTimestamp, IEnumerable<AisReport> reports)
        : this()
    {
        foreach (var r in reports)
        {
            AddReport(r);
        }

        Set(partition, offset, consumedTimestamp, null);
    }

    public int Partition { get; private set; }

    public long Offset { get; private set; }

    /// <summary><see cref="System.Diagnostics.Stopwatch.GetTimestamp"/> when it was consumed.</summary>
    public long ConsumedTimestamp { get; private set; }

    public int ReportCount { get; private set; }

    /// <summary>Event time of its first report; records without reports go first (they carry no time).</summary>
    public long SortKeyMs { get; private set; }

    /// <summary>The time the merge orders it by: <see cref="SortKeyMs"/>, unless that is far ahead of its partition (see <see cref="PartitionMerger"/>).</summary>
    public long MergeKeyMs { get; set; }

    /// <summary>Set when the record goes to the dead-letter topic.</summary>
    public DeadLetter? DeadLetter { get; private set; }

    /// <summary>Messages of which it carried a fragment and which still wait for others: its offset waits too (<see cref="FragmentHold.Pack"/> form).</summary>
    public object? Holds { get; private set; }

    /// <summary>Messages it completed whose earlier fragments came in other records (<see cref="FragmentHold.Pack"/> form).</summary>
    public object? Completes { get; private set; }

    /// <summary>Sets what the decoder said about fragments of this record.</summary>
    public void SetFragments(object? holds, object? completes)
    {
        Holds = holds;
        Completes = completes;
    }

    public void AddReport(in AisReport report)
    {
        if (ReportCount == 0)
        {
            _firstSlab[_firstSlot] = report;
        }
        else
        {
            (_more ??= []).Add(report);
        }

        ReportCount++;
    }

    public ref readonly AisReport Report(int index) =>
        ref index == 0 ? ref _firstSlab[_firstSlot] : ref CollectionsMarshal.AsSpan(_more)[index - 1];

    /// <summary>Fills the record once its reports are added.</summary>
    public void Set(int partition, long offset, long consumedTimestamp, DeadLetter? deadLetter)
    {
        Partition = partition;
        Offset = offset;
        ConsumedTimestamp = consumedTimestamp;
        DeadLetter = deadLetter;
        SortKeyMs = ReportCount > 0 && _firstSlab[_firstSlot].EventTimeMs is { } t ? t : long.MinValue;
    }

    /// <summary>Empties it for reuse.</summary>
    public void Clear()
    {
        _firstSlab[_firstSlot] = default;
        _more?.Clear();
        ReportCount = 0;
        DeadLetter = null;
        Holds = null;
        Completes = null;
    }
}

/// <summary>
/// Merges the assigned partitions by event time before the pipeline sees them: a record is released only when every
/// assigned partition that is not idle has a record waiting, smallest event time first.
/// </summary>
/// <remarks>
/// Without this, a partition whose records arrive first (librdkafka delivers fetches partition by partition) would push
/// the watermark past records still unread on other partitions, and the alerts would depend on the partitioning.
/// A partition at its end (EOF) with nothing queued still holds the merge back until it has been at its end for
/// <c>idleAfter</c> (wall clock, Flink's <c>withIdleness</c>); then it is idle (also in the pipeline) and holds nothing back
/// until a record arrives. When a record arrives while every other partition is idle (the input resumes after a quiet spell,
/// e.g. the next batch of a provider that delivers in batches), the others hold the merge again for <c>idleAfter</c>: the
/// first partition of a batch does not run ahead of the rest of it. A declared end of input (<see cref="EndInput"/>)
/// makes partitions at their end idle at once.
/// A record dated far ahead of its partition's last merge time (more than the pipeline's
/// <see cref="EDTF.Streaming.Detection.EventTimeOptions.MaxAheadMinutes"/>) is not ordered by that date, which would stall
/// its partition behind it: it goes through at its partition's last time and the pipeline's time gate judges it. Its date
/// becomes the partition's merge time once the next records of the partition confirm it, as in the gate.
/// Owned by the processing thread.
/// </remarks>
internal sealed class PartitionMerger(long maxAheadMs = long.MaxValue / 4, int confirmations = 2, TimeProvider? clock = null, TimeSpan idleAfter = default)
{
    private readonly Dictionary<int, Lane> _lanes = [];
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private Lane[] _ordered = [];
    private bool _inputEnded;

    /// <summary>Records waiting, all partitions.</summary>
    public int Queued { get; private set; }

    public IEnumerable<int> Partitions => _ordered.Select(l => l.Partition);

    /// <summary>Starts tracking a partition (assigned): it holds the merge back until it delivers a record or reaches its end.</summary>
    public void Add(int partition)
    {
        if (!_lanes.ContainsKey(partition))
        {
            _lanes[partition] = new Lane(partition) { LastRecordAt = _clock.GetTimestamp() };
            _ordered = [.. _lanes.Values.OrderBy(l => l.Partition)];
        }
    }

    /// <summary>Stops tracking a partition (revoked or lost), dropping what it had queued (messages those records completed are let go).</summary>
    public void Remove(int partition)
    {
        if (_lanes.Remove(partition, out var lane))
        {
            foreach (var record in lane.Queue)
            {
                FragmentHold.ReleaseAll(record.Completes);
            }

            Queued -= lane.Queue.Count;
            _ordered = [.. _lanes.Values.OrderBy(l => l.Partition)];
        }
    }

    /// <summary>A partition that delivers nothing and sends no EOF is idle after this many idle timeouts.</summary>
    private const int SilentFactor = 5;

    public bool Has(int partition) => _lanes.ContainsKey(partition);

    public int QueuedOf(int partition) => _lanes.TryGetValue(partition, out var lane) ? lane.Queue.Count : 0;

    public void Enqueue(PendingRecord record)
    {
        Add(record.Partition);
        var lane = _lanes[record.Partition];
        record.MergeKeyMs = lane.MergeKey(record.SortKeyMs, maxAheadMs, confirmations);
        if (lane.AtEnd)
        {
            Rejoin(lane);
        }

        lane.Queue.Enqueue(record);
        lane.LastRecordAt = _clock.GetTimestamp();
        Queued++;
    }

    /// <summary>The partition has no more records for now (EOF).</summary>
    public void MarkEnd(int partition)
    {
        Add(partition);
        var lane = _lanes[partition];
        if (!lane.AtEnd)
        {
            lane.AtEnd = true;
            lane.EndSince = _clock.GetTimestamp();
        }
    }

    /// <summary>The input has ended (declared end offsets reached): partitions at their end are idle at once.</summary>
    public void EndInput() => _inputEnded = true;

    /// <summary>True when the partition has been at its end with nothing queued for the idle timeout: it does not hold the merge or the watermark back.</summary>
    public bool IsIdle(int partition) => _lanes.TryGetValue(partition, out var lane) && IsIdle(lane, _clock.GetTimestamp());

    /// <summary>Takes the next record that may enter the pipeline, or false when some partition must deliver first.</summary>
    public bool TryRelease(out PendingRecord record)
    {
        Lane? best = null;
        long? now = null;
        foreach (var lane in _ordered)
        {
            if (lane.Queue.Count == 0)
            {
                if (!IsIdle(lane, now ??= _clock.GetTimestamp()))
                {
                    record = null!;
                    return false;
                }

                continue;
            }

            if (best is null || lane.Queue.Peek().MergeKeyMs < best.Queue.Peek().MergeKeyMs)
            {
                best = lane;
            }
        }

        if (best is null)
        {
            record = null!;
            return false;
        }

        record = best.Queue.Dequeue();
        if (best.Queue.Count == 0)
        {
            best.LastRecordAt = Math.Max(best.LastRecordAt, _clock.GetTimestamp()); // silence counts from when it ran empty
        }

        Queued--;
        return true;
    }

    /// <summary>
    /// Idle: at its end (EOF) with nothing queued for the idle timeout; or, where no EOF came (a broker failover or a
    /// reconnect can leave a partition at its end without a new EOF event), nothing delivered for five idle timeouts.
    /// </summary>
    private bool IsIdle(Lane lane, long now) =>
        lane.Queue.Count == 0 && (lane.AtEnd
            ? _inputEnded || _clock.GetElapsedTime(lane.EndSince, now) >= idleAfter
            : idleAfter > TimeSpan.Zero && _clock.GetElapsedTime(lane.LastRecordAt, now) >= idleAfter * SilentFactor);

    /// <summary>A partition at its end delivers again; when every other partition is idle the input resumes after a quiet spell, and they hold the merge again for the idle timeout.</summary>
    private void Rejoin(Lane lane)
    {
        lane.AtEnd = false;
        var now = _clock.GetTimestamp();
        foreach (var other in _ordered)
        {
            if (other != lane && !IsIdle(other, now))
            {
                return; // the input is flowing: partitions already idle stay idle
            }
        }

        foreach (var other in _ordered)
        {
            other.EndSince = now;
            other.LastRecordAt = Math.Max(other.LastRecordAt, now);
        }
    }

    private sealed class Lane(int partition)
    {
        public int Partition { get; } = partition;

        public Queue<PendingRecord> Queue { get; } = new();

        public bool AtEnd { get; set; }

        /// <summary><see cref="TimeProvider.GetTimestamp"/> since when it has been at its end (or since the input resumed).</summary>
        public long EndSince { get; set; }

        /// <summary>When it last delivered a record, ran empty, or was added: a partition silent without EOF goes idle after five idle timeouts.</summary>
        public long LastRecordAt { get; set; }

        private long _lastMs = long.MinValue;
        private int _aheadRun;

        /// <summary>The merge time of a record dated <paramref name="timeMs"/>: its date, or the lane's last time while that date is far ahead and unconfirmed.</summary>
        public long MergeKey(long timeMs, long maxAheadMs, int confirmations)
        {
            if (timeMs == long.MinValue)
            {
                return timeMs;
            }

            if (_lastMs != long.MinValue && timeMs > _lastMs + maxAheadMs && ++_aheadRun <= confirmations)
            {
                return _lastMs;
            }

            _aheadRun = 0;
            _lastMs = Math.Max(_lastMs, timeMs);
            return timeMs;
        }
    }
}
