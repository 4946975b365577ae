using System.Reactive.Linq;
using System.Reactive.Subjects;
using EDTF.Streaming.Ais;
using EDTF.Streaming.Detection.Alerts;
using EDTF.Streaming.Detection.Dark;
using EDTF.Streaming.Detection.Identity;
using EDTF.Streaming.Detection.Pipeline;
using EDTF.Streaming.Detection.PortCalls;
using EDTF.Streaming.Detection.Transfer;
using EDTF.Streaming.Detection.Tracking;

namespace EDTF.Streaming.Detection;

/// <summary>The detection core both drivers use: put reports in event-time order, track vessels, run the detectors, emit alert updates.</summary>
/// <remarks>
/// Pure and single-threaded: call every member from one thread. Nothing reads the wall clock; timers run on event time.
/// Reports are released in (event time, MMSI, arrival) order once the watermark passes them: watermark = minimum over
/// active partitions of the newest event time seen, minus <see cref="DetectionOptions.AllowedLatenessMinutes"/>.
/// Reports older than the watermark are counted as late and only shrink or retract open dark periods.
/// </remarks>
public sealed partial class DetectionPipeline
{
    private readonly DetectionOptions _options;
    private readonly long _latenessMs;
    private readonly ReorderBuffer _buffer = new();
    private readonly EventTimeTimers _timers = new();
    private readonly Dictionary<int, PartitionTimeGate> _partitions = [];
    private readonly Subject<TrackEvent> _track = new();
    private readonly VesselTracker _tracker;
    private readonly DarkPeriodDetector _dark;
    private readonly TransferDetector _transfers;
    private readonly PortCallDetector _portCalls;
    private readonly AlertStage _alerts;

    /// <summary>Recent tracks for the alerts' evidence (a field so that snapshots carry it).</summary>
    private readonly TrackHistory _history;
    private readonly Cargo.CargoEstimates _cargo;
    private readonly VesselExpiry _expiry;
    private readonly IdentityConflictDetector _conflicts;
    private readonly IdentityChangeDetector _identityChanges = new();
    private long _sequence;
    private long _watermarkMs = long.MinValue;
    private long _maxEventMs = long.MinValue;
    private long _reportsIn;
    private long _withoutTime;
    private long _late;
    private bool _completed;
    private long _tooFarBehind;
    private long _releasedFromHold;
    private long _droppedFromHold;
    private PartitionTimeGate? _single;
    private int _singleId;

    /// <summary>Builds the pipeline; <paramref name="emit"/> receives every alert update, in order, on the calling thread.</summary>
    public DetectionPipeline(DetectionOptions options, Watchlist watchlist, PortAreas ports, Action<AlertUpdate> emit)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(watchlist);
        ArgumentNullException.ThrowIfNull(ports);
        ArgumentNullException.ThrowIfNull(emit);
        options.Validate();
        _options = options;
        _latenessMs = options.AllowedLatenessMinutes * 60_000L;
        _watchlist = watchlist.Copy(); // changed by AddWatchlistChange: each pipeline owns its list
        _tracker = new VesselTracker(options, _watchlist);
        var history = _history = new TrackHistory();
        _tracker.Forgotten += history.Forget;
        var evidenceTracks = new EvidenceTracks(history);
        _alerts = new AlertStage(options, _watchlist, _tracker, update => emit(evidenceTracks.Attach(update)));
        _track.Subscribe(e => // first: a report that ends a behaviour is in the track its alert carries
        {
            if (e.Kind == TrackEventKind.Position)
            {
                history.Add(e.Vessel.Mmsi, e.TimeMs, e.Latitude, e.Longitude);
            }
        });
        var coverage = new CoverageGrid();
        var reception = new ReceptionModel();
        var darkPatterns = new DarkPatternDetector(options, ports, _timers, coverage, reception);
        _tracker.Forgotten += darkPatterns.Forget;
        _dark = new DarkPeriodDetector(options, _timers, coverage, reception, _tracker.Find, darkPatterns);
        _transfers = new TransferDetector(options.Transfer, ports, _timers);
        var interestMs = (long)options.PortCall.InterestDays * 86_400_000;
        _portCalls = new PortCallDetector(options.PortCall, ports, _timers, _tracker.Find,
            (v, port, nowMs, source) => _tracker.MarkDprkPortCall(v, port.Name, nowMs + interestMs, nowMs, source));
        _cargo = new Cargo.CargoEstimates(options, _timers, _tracker.Find, _alerts.OnBehaviour);
        _expiry = new VesselExpiry(options, _tracker, _alerts, _timers);
        _conflicts = new IdentityConflictDetector(_timers, _tracker.Find);
        _tracker.Forgotten += _conflicts.Forget;

        // Every detector's behaviours go straight to the alert stage, synchronously and in the order they are published:
        // what Observable.Merge did here, without its scheduling machinery (a one-shot `detect` JIT-compiled ~3% of its time there).
        IObservable<Behaviour>[] behaviours = [_track.DarkPeriods(_dark), _track.Transfers(_transfers), _track.PortCalls(_portCalls), _track.DarkPatterns(darkPatterns),
            _track.IdentityChanges(_identityChanges), _track.IdentityConflicts(_conflicts)];
        foreach (var stream in behaviours)
        {
            stream.Subscribe(_cargo.OnBehaviour);
        }

        _track.Subscribe(_cargo.OnTrack);
    }

    /// <summary>Writes the whole state (vessels, every detector, timers, the reorder buffer with its reports, partition clocks, watermark, alert stage, counters) to <paramref name="output"/>.</summary>
    /// <remarks>Call between two calls that feed the pipeline; <see cref="Restore"/> gives a pipeline that goes on exactly as this one would.</remarks>
    public void WriteSnapshot(Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        Snapshots.PipelineSnapshot.Write(this, _options, output);
    }

    /// <summary>A pipeline in the state <see cref="WriteSnapshot"/> wrote, built with the same options, watch list and port areas.</summary>
    /// <exception cref="PipelineSnapshotException">The snapshot is of another format version, damaged or truncated, of a build with other state, or of other options.</exception>
    public static DetectionPipeline Restore(Stream input, DetectionOptions options, Watchlist watchlist, PortAreas ports, Action<AlertUpdate> emit)
    {
        ArgumentNullException.ThrowIfNull(input);
        var pipeline = new DetectionPipeline(options, watchlist, ports, emit);
        Snapshots.PipelineSnapshot.Read(input, pipeline, options);
        return pipeline;
    }

    /// <summary>No event time beyond this (Unix ms) is believed, however confirmed: reports beyond wait in their partition's time gate.</summary>
    /// <remarks>The Kafka driver sets it from the wall clock plus the receivers' clock skew; offline it stays unbounded.</remarks>
    public long TimeCeilingMs { get; set; } = long.MaxValue;

    /// <summary>Counters at this moment.</summary>
    public PipelineStatistics Statistics => new()
    {
        ReportsIn = _reportsIn,
        ReportsWithoutEventTime = _withoutTime,
        NonVesselReports = _tracker.NonVesselReports,
        LateReports = _late,
        ReportsHeldAhead = _partitions.Values.Sum(p => (long)p.HeldCount),
        ReportsReleasedFromHold = _releasedFromHold,
        ReportsDroppedAhead = _droppedFromHold + _partitions.Values.Sum(p => p.Dropped),
        ReportsTooFarBehind = _tooFarBehind,
        Duplicates = _tracker.Duplicates,
        ImplausibleJumps = _tracker.ImplausibleJumps,
        Retractions = _dark.Retractions,
        VesselsTracked = _tracker.Count,
        VesselsExpired = _tracker.Evicted,
        VesselsOfInterest = _tracker.OfInterestCount,
        WatermarkMs = _watermarkMs == long.MinValue ? null : _watermarkMs,
        BufferedReports = _buffer.Count,
        AlertsEmitted = _alerts.AlertsEmitted,
        OpeningsDeferred = _alerts.OpeningsDeferred,
        UpdatesDeferredNow = _alerts.DeferredNow,
        UpdatesDropped = _alerts.UpdatesDropped,
        ReportsOfRefusedVessels = _tracker.RefusedVesselReports,
        MidInterestRefused = _tracker.MidInterestRefused,
    };

    /// <summary>Adds one decoded report from <paramref name="partition"/>; reports without event time are counted and skipped.</summary>
    public void Add(in AisReport report, AlertSource source, int partition = 0) =>
        Add(report, new SourceRef(source, null, 0), partition);

    /// <summary>Adds one decoded report read from line <paramref name="line"/> of <paramref name="file"/> (the file driver's form: no allocation per report).</summary>
    public void Add(in AisReport report, string file, long line, int partition = 0) =>
        Add(report, new SourceRef(null, file, line), partition);

    /// <summary>Counts reports that carried no event time (a reader that prepares observations itself skips them).</summary>
    internal void AddWithoutEventTime(int count)
    {
        _reportsIn += count;
        _withoutTime += count;
    }

    /// <summary>Adds a block of reports already reduced to observations (by <see cref="Observation.TryCreate"/>), in arrival order.</summary>
    /// <remarks>
    /// Lets a file reader decode and prepare on another thread. The block is lent, not copied: reports wait in it until the
    /// watermark releases them, and <paramref name="onReturned"/> runs on this thread once none is held any more (at most
    /// <see cref="ReorderBuffer.BlockSize"/> reports per block). Arrival numbers are written into the block here.
    /// </remarks>
    internal void AddBlock(Observation[] items, int count, int partition, Action onReturned)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, items.Length);
        var block = _buffer.OpenBlock(items, onReturned);
        for (var i = 0; i < count; i++)
        {
            ref var o = ref items[i];
            o = o.WithSequence(_sequence++);
            _reportsIn++;
            if (Observe(o, partition))
            {
                _buffer.AddFromBlock(block, i);
            }

            AdvanceWatermark();
        }

        _buffer.SealBlock(block);
    }

    private void Add(in AisReport report, SourceRef source, int partition)
    {
        _reportsIn++;
        if (report.EventTimeMs is null)
        {
            _withoutTime++;
            return;
        }

        Accept(new Observation(report, source, _sequence++), partition);
    }

    private void Accept(in Observation o, int partition)
    {
        if (Observe(o, partition))
        {
            _buffer.Add(o);
        }

        AdvanceWatermark();
    }

    /// <summary>Moves the partition's clock through its time gate; handles a late report at once; true when the report is to be buffered.</summary>
    /// <remarks>Held reports the gate lets go (its clock came within reach of them) are buffered here, before the caller buffers this one.</remarks>
    private bool Observe(in Observation o, int partition)
    {
        var gate = Partition(partition);
        gate.Idle = false;
        var verdict = gate.Offer(o, _maxEventMs, TimeCeilingMs);
        if (verdict == TimeVerdict.TooFarBehind)
        {
            _tooFarBehind++;
            return false;
        }

        var keep = verdict == TimeVerdict.Accept && Route(o);
        if (verdict == TimeVerdict.Accept)
        {
            _maxEventMs = Math.Max(_maxEventMs, o.TimeMs);
        }

        if (gate.HeldCount > 0)
        {
            ReleaseHeld(gate);
        }

        return keep;
    }

    /// <summary>Buffers the held reports its gate now believes (they count as arriving now).</summary>
    private void ReleaseHeld(PartitionTimeGate gate)
    {
        while (gate.TryTakeReleasable(out var held, TimeCeilingMs))
        {
            _releasedFromHold++;
            _maxEventMs = Math.Max(_maxEventMs, held.TimeMs);
            if (Route(held))
            {
                _buffer.Add(held);
            }
        }
    }

    /// <summary>True when a believed report is to be buffered; a late one is handled at once.</summary>
    private bool Route(in Observation o)
    {
        if (!o.IsUseful)
        {
            return false;
        }

        if (o.TimeMs < _watermarkMs)
        {
            OnLate(o);
            return false;
        }

        return true;
    }

    /// <summary>Marks a partition idle (it no longer holds the watermark back) or active again.</summary>
    public void SetPartitionIdle(int partition, bool idle)
    {
        Partition(partition).Idle = idle;
        AdvanceWatermark();
    }

    /// <summary>Forgets a partition (revoked): it no longer holds the watermark back.</summary>
    public void RemovePartition(int partition)
    {
        if (_partitions.Remove(partition, out var gone))
        {
            gone.DropHeld();
            _droppedFromHold += gone.Dropped; // kept in the statistics once its gate is gone
        }

        _single = null;
        AdvanceWatermark();
    }

    /// <summary>End of input: releases every buffered report and fires every timer due by the newest event time; vessels still dark keep their alerts open.</summary>
    public void Complete()
    {
        if (_completed)
        {
            return;
        }

        _completed = true;
        _alerts.Unbound();
        foreach (var gate in _partitions.Values)
        {
            gate.DropHeld(); // never corroborated: the stream ended before anything agreed with them
        }

        _dark.FlushRevisions();
        Release(long.MaxValue);
        if (_maxEventMs != long.MinValue)
        {
            _timers.Advance(_maxEventMs, inclusive: true);
            _watermarkMs = Math.Max(_watermarkMs, _maxEventMs);
        }

        _cargo.Complete(_timers.NowMs);
    }

    private PartitionTimeGate Partition(int partition)
    {
        if (_single is { } last && _singleId == partition && _partitions.Count == 1)
        {
            return last;
        }

        if (!_partitions.TryGetValue(partition, out var clock))
        {
            _partitions[partition] = clock = new PartitionTimeGate(_options.EventTime);
        }

        _single = clock;
        _singleId = partition;
        return clock;
    }

    private void AdvanceWatermark()
    {
        var min = long.MaxValue;
        var max = long.MinValue;
        if (_partitions.Count == 1 && _single is { } only)
        {
            max = only.ClockMs;
            min = only.Idle ? long.MaxValue : max;
        }
        else
        {
            foreach (var p in _partitions.Values)
            {
                if (p.ClockMs == long.MinValue)
                {
                    continue;
                }

                max = Math.Max(max, p.ClockMs);
                if (!p.Idle)
                {
                    min = Math.Min(min, p.ClockMs);
                }
            }
        }

        if (max == long.MinValue)
        {
            return;
        }

        var basis = min == long.MaxValue ? max : min;
        var candidate = basis - _latenessMs;
        if (candidate <= _watermarkMs)
        {
            Release(_watermarkMs);
            return;
        }

        _watermarkMs = candidate;
        _alerts.BeginStep();
        _dark.FlushRevisions();
        Release(candidate);
        _timers.Advance(candidate);
    }

    private void Release(long untilMs)
    {
        while (_buffer.TryTake(untilMs, out var o))
        {
            if (_watchlistChanges.Count > 0)
            {
                ApplyWatchlistChanges(o.TimeMs);
            }

            _timers.Advance(o.TimeMs);
            _timers.NowMs = Math.Max(_timers.NowMs, o.TimeMs);
            _expiry.OnReport(o.TimeMs);
            if (_tracker.Apply(o, out var ev))
            {
                _track.OnNext(ev);
            }
        }

        if (_watchlistChanges.Count > 0)
        {
            ApplyWatchlistChanges(Math.Min(untilMs, _maxEventMs));
        }
    }

    private void OnLate(in Observation o)
    {
        _late++;
        _tracker.ApplyLateStatic(o);
        if (o.IsPosition)
        {
            _dark.OnLatePosition(o.Mmsi, o.TimeMs, o.Latitude, o.Longitude, o.Source);
        }
    }
}
