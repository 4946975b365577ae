using EDTF.Streaming.Ais.Formats;

namespace EDTF.Streaming.Kafka.Replay;

/// <summary>Counters of one replay: records sent and delivered, rows rejected by reason (with their first locations), records outside the window.</summary>
/// <remarks>Written by the replay loop and the producer's delivery thread, read by the progress printer: counters are atomic.</remarks>
internal sealed class ReplayStatistics
{
    /// <summary>How many locations are kept per reject reason for the summary.</summary>
    public const int LocationsPerReason = 10;

    private readonly Lock _rejectsLock = new();
    private readonly Dictionary<string, RejectTally> _rejects = new(StringComparer.Ordinal);
    private long _sent;
    private long _delivered;
    private long _failed;
    private long _outsideWindow;
    private long _filtered;
    private long _rejected;
    private long _lastEventMs = long.MinValue;
    private long _firstEventMs = long.MinValue;
    private string? _firstError;

    public long Sent => Volatile.Read(ref _sent);

    public long Delivered => Volatile.Read(ref _delivered);

    public long Failed => Volatile.Read(ref _failed);

    public long OutsideWindow => Volatile.Read(ref _outsideWindow);

    /// <summary>Reports left out by <c>--bbox</c>/<c>--mmsi</c>.</summary>
    public long Filtered => Volatile.Read(ref _filtered);

    public long Rejected => Volatile.Read(ref _rejected);

    /// <summary>Event time of the latest record sent so far, or null.</summary>
    public long? LastEventMs => Volatile.Read(ref _lastEventMs) is var t && t != long.MinValue ? t : null;

    /// <summary>Event time of the first record sent with a time, or null.</summary>
    public long? FirstEventMs => Volatile.Read(ref _firstEventMs) is var t && t != long.MinValue ? t : null;

    /// <summary>The first delivery or producer error, if any.</summary>
    public string? FirstError => Volatile.Read(ref _firstError);

    public void OnSent(in ReplayRecord record)
    {
        Interlocked.Increment(ref _sent);
        if (record.EventTimeMs is { } t)
        {
            if (_firstEventMs == long.MinValue)
            {
                Volatile.Write(ref _firstEventMs, t);
            }

            if (t > _lastEventMs)
            {
                Volatile.Write(ref _lastEventMs, t);
            }
        }
    }

    public void OnDelivered() => Interlocked.Increment(ref _delivered);

    public void OnFailed(string error)
    {
        Interlocked.Increment(ref _failed);
        OnError(error);
    }

    public void OnError(string error) => Interlocked.CompareExchange(ref _firstError, error, null);

    public void OnOutsideWindow() => Interlocked.Increment(ref _outsideWindow);

    public void OnFiltered() => Interlocked.Increment(ref _filtered);

    public void OnReject(InputReject reject)
    {
        Interlocked.Increment(ref _rejected);
        lock (_rejectsLock)
        {
            if (!_rejects.TryGetValue(reject.Reason, out var tally))
            {
                _rejects[reject.Reason] = tally = new RejectTally();
            }

            tally.Count++;
            if (tally.First.Count < LocationsPerReason)
            {
                tally.First.Add(reject);
            }
        }
    }

    /// <summary>Rejects by reason, most frequent first, with the first few of each.</summary>
    public IReadOnlyList<(string Reason, long Count, IReadOnlyList<InputReject> First)> RejectsByReason()
    {
        lock (_rejectsLock)
        {
            return [.. _rejects
                .OrderByDescending(r => r.Value.Count)
                .ThenBy(r => r.Key, StringComparer.Ordinal)
                .Select(r => (r.Key, r.Value.Count, (IReadOnlyList<InputReject>)[.. r.Value.First]))];
        }
    }

    private sealed class RejectTally
    {
        public long Count { get; set; }

        public List<InputReject> First { get; } = [];
    }
}
