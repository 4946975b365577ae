namespace EDTF.Streaming.Detection.Pipeline;

/// <summary>What a <see cref="PartitionTimeGate"/> decided about one report's event time.</summary>
internal enum TimeVerdict
{
    /// <summary>On the partition's clock (or behind it within reason): the report goes on.</summary>
    Accept,

    /// <summary>Far ahead of the partition's clock and not (yet) corroborated: the gate holds it.</summary>
    Held,

    /// <summary>Further behind the partition's clock than any late report is believed: rejected.</summary>
    TooFarBehind,
}

/// <summary>
/// One input partition's event-time clock, which a single report cannot drag far ahead or far behind.
/// </summary>
/// <remarks>
/// The rule (docs/detection.md, "Time from input"): a report further ahead of the partition's clock than its margin is
/// held, not believed, until the next <see cref="EventTimeOptions.CorroboratingReports"/> reports of the partition confirm
/// it: none of them earlier than it by more than the margin. The margin is <see cref="EventTimeOptions.MaxAheadMinutes"/>,
/// or four times the partition's usual gap between reports where that is longer (sparse feeds). A feed resuming after an
/// outage confirms its first report with the next ones; a misdated line among good ones is contradicted by the next good
/// report and stays held. A confirmed report moves the clock to its time and lets go, in time order, every held report
/// within the margin of the clock. Held reports wait at most <see cref="EventTimeOptions.MaxHeldReportsPerPartition"/> at a
/// time (the furthest ahead is dropped first) and are dropped at the end of input. A report more than
/// <see cref="EventTimeOptions.MaxBehindHours"/> behind the clock is rejected. A partition's first report is judged against
/// the stream's clock (the other partitions'); the very first report of the stream sets it. No time past the ceiling (the service's wall clock plus skew) is believed: such reports wait, and
/// confirmation moves the clock at most to the ceiling. Pure and single-threaded: owned by the
/// <see cref="DetectionPipeline"/> that owns the partition.
/// </remarks>
internal sealed class PartitionTimeGate
{
    /// <summary>Held reports still waiting for confirmation, at most (older candidates stay held, unconfirmed).</summary>
    private const int MaxCandidates = 16;

    /// <summary>The margin is at least this many usual gaps between the partition's reports.</summary>
    private const long GapsInMargin = 4;

    private readonly long _maxAheadMs;
    private readonly long _maxBehindMs;
    private readonly int _confirmationsNeeded;
    private readonly int _maxHeld;
    private readonly SortedSet<(long TimeMs, long Sequence)> _heldKeys = [];
    private readonly Dictionary<(long TimeMs, long Sequence), Observation> _held = [];
    private readonly List<Candidate> _candidates = [];
    private long _gapMs;

    public PartitionTimeGate(EventTimeOptions options)
    {
        _maxAheadMs = (long)(options.MaxAheadMinutes * 60_000);
        _maxBehindMs = (long)(options.MaxBehindHours * 3_600_000);
        _confirmationsNeeded = options.CorroboratingReports;
        _maxHeld = options.MaxHeldReportsPerPartition;
    }

    /// <summary>The newest event time believed for this partition (Unix ms), <see cref="long.MinValue"/> before one is.</summary>
    public long ClockMs { get; private set; } = long.MinValue;

    /// <summary>True when the partition delivers nothing for now and must not hold the watermark back.</summary>
    public bool Idle { get; set; }

    /// <summary>Reports held because they were far ahead of the clock.</summary>
    public int HeldCount => _held.Count;

    /// <summary>Held reports dropped (the hold was full, or the input ended before they were confirmed).</summary>
    public long Dropped { get; private set; }

    /// <summary>How far ahead of the clock a report is believed without confirmation.</summary>
    private long MarginMs => Math.Max(_maxAheadMs, GapsInMargin * _gapMs);

    /// <summary>Judges one report; a <see cref="TimeVerdict.Held"/> report is kept by the gate until <see cref="TryTakeReleasable"/> gives it back.</summary>
    /// <param name="o">The report.</param>
    /// <param name="streamClockMs">The newest time believed on any partition (<see cref="long.MinValue"/> before any): what a first report is judged against.</param>
    /// <param name="ceilingMs">No time beyond this is believed, confirmed or not (the Kafka driver's wall clock plus skew; unbounded offline).</param>
    public TimeVerdict Offer(in Observation o, long streamClockMs = long.MinValue, long ceilingMs = long.MaxValue)
    {
        var timeMs = o.TimeMs;
        if (_candidates.Count > 0)
        {
            Confirm(timeMs, ceilingMs);
        }

        var reference = ClockMs != long.MinValue ? ClockMs : streamClockMs;
        if (timeMs > ceilingMs || (reference != long.MinValue && timeMs > reference + MarginMs))
        {
            Hold(o);
            return TimeVerdict.Held;
        }

        if (reference != long.MinValue && timeMs < reference - _maxBehindMs)
        {
            return TimeVerdict.TooFarBehind;
        }

        Advance(timeMs);
        return TimeVerdict.Accept;
    }

    /// <summary>Gives back the earliest held report once the clock has come within the margin of it (and the ceiling is past it).</summary>
    public bool TryTakeReleasable(out Observation o, long ceilingMs = long.MaxValue)
    {
        if (ClockMs != long.MinValue && _heldKeys.Count > 0 && _heldKeys.Min is var key && key.TimeMs <= ClockMs + MarginMs && key.TimeMs <= ceilingMs)
        {
            _heldKeys.Remove(key);
            _held.Remove(key, out o);
            Advance(key.TimeMs);
            return true;
        }

        o = default;
        return false;
    }

    /// <summary>End of input (or the partition goes): every report still held is dropped, unconfirmed; returns how many.</summary>
    public int DropHeld()
    {
        var n = _held.Count;
        _held.Clear();
        _heldKeys.Clear();
        _candidates.Clear();
        Dropped += n;
        return n;
    }

    /// <summary>Moves the clock to a believed time, learning the partition's usual gap between reports.</summary>
    private void Advance(long timeMs)
    {
        if (ClockMs != long.MinValue && timeMs > ClockMs)
        {
            var gap = Math.Min(timeMs - ClockMs, _maxAheadMs * 8);
            _gapMs = _gapMs == 0 ? gap : _gapMs + ((gap - _gapMs) / 8);
        }

        ClockMs = Math.Max(ClockMs, timeMs);
    }

    /// <summary>A later report confirms each waiting candidate it does not contradict; a contradicted candidate stops waiting.</summary>
    private void Confirm(long timeMs, long ceilingMs)
    {
        var confirmedMs = long.MinValue;
        for (var i = _candidates.Count - 1; i >= 0; i--)
        {
            var c = _candidates[i];
            if (timeMs < c.TimeMs - MarginMs)
            {
                _candidates.RemoveAt(i); // contradicted: it stays held until the clock reaches it, if ever
                continue;
            }

            c.Confirmations++;
            if (c.Confirmations >= _confirmationsNeeded)
            {
                confirmedMs = Math.Max(confirmedMs, Math.Min(c.TimeMs, ceilingMs));
                _candidates.RemoveAt(i);
            }
            else
            {
                _candidates[i] = c;
            }
        }

        if (confirmedMs != long.MinValue && confirmedMs > ClockMs)
        {
            Advance(confirmedMs); // a sparse feed teaches its gap here (capped, and forgotten as dense reports follow)
            _candidates.RemoveAll(c => c.TimeMs <= ClockMs + MarginMs); // within reach now: released with the rest
        }
    }

    private void Hold(in Observation o)
    {
        var key = (o.TimeMs, o.Sequence);
        _held[key] = o;
        _heldKeys.Add(key);
        if (_candidates.Count < MaxCandidates)
        {
            _candidates.Add(new Candidate(o.TimeMs));
        }

        if (_held.Count > _maxHeld)
        {
            var furthest = _heldKeys.Max;
            _heldKeys.Remove(furthest);
            _held.Remove(furthest);
            _candidates.RemoveAll(c => c.TimeMs == furthest.TimeMs);
            Dropped++;
        }
    }

    private record struct Candidate(long TimeMs)
    {
        public int Confirmations;
    }
}
