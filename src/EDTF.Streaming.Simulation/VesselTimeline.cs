namespace EDTF.Streaming.Simulation;

/// <summary>A vessel's scripted track: contiguous legs (sailing or holding), silences, static-report start and draught changes.</summary>
internal sealed class VesselTimeline
{
    private readonly List<Leg> _legs = [];
    private readonly List<(long FromMs, long ToMs)> _silences = [];
    private readonly List<(long FromMs, double DraughtMeters)> _draughts = [];
    private int _cursor;

    public VesselTimeline(GeoPoint start, long startMs, double draughtMeters)
    {
        EndPosition = start;
        EndTimeMs = startMs;
        AppearMs = startMs;
        StaticFromMs = startMs;
        _draughts.Add((long.MinValue, draughtMeters));
    }

    /// <summary>First moment the vessel exists (it may enter coverage mid-window).</summary>
    public long AppearMs { get; }

    public GeoPoint EndPosition { get; private set; }

    public long EndTimeMs { get; private set; }

    /// <summary>No static report is heard before this time (identity revealed late).</summary>
    public long StaticFromMs { get; set; }

    public IReadOnlyList<(long FromMs, long ToMs)> Silences => _silences;

    /// <summary>Sails a great circle to <paramref name="to"/> at <paramref name="speedKnots"/>.</summary>
    public VesselTimeline Sail(GeoPoint to, double speedKnots, int navStatus = 0)
    {
        var seconds = SimGeo.DistanceMeters(EndPosition, to) / (speedKnots * SimGeo.MetersPerSecondPerKnot);
        return Add(to, (long)Math.Round(seconds * 1000), navStatus, null);
    }

    /// <summary>Stays (anchored, moored, drifting) for <paramref name="durationMs"/>, drifting to <paramref name="to"/>.</summary>
    public VesselTimeline Hold(GeoPoint to, long durationMs, int navStatus, int headingDegrees) =>
        Add(to, durationMs, navStatus, headingDegrees);

    public void AddSilence(long fromMs, long toMs) => _silences.Add((fromMs, toMs));

    public void SetDraught(long fromMs, double draughtMeters) => _draughts.Add((fromMs, draughtMeters));

    public bool IsSilent(long timeMs) => _silences.Exists(s => timeMs >= s.FromMs && timeMs < s.ToMs);

    public double DraughtAt(long timeMs) => _draughts.Last(d => d.FromMs <= timeMs).DraughtMeters;

    /// <summary>Where the vessel is and what it does at <paramref name="timeMs"/> (after the last leg: still at the end).</summary>
    public VesselState StateAt(long timeMs)
    {
        if (_legs.Count == 0)
        {
            return new VesselState(EndPosition, 0, 0, 0, 1);
        }

        if (_cursor >= _legs.Count || timeMs < _legs[_cursor].StartMs)
        {
            _cursor = 0;
        }

        while (_cursor < _legs.Count - 1 && timeMs >= _legs[_cursor].EndMs)
        {
            _cursor++;
        }

        return _legs[_cursor].StateAt(timeMs);
    }

    /// <summary>The first time in [fromMs, toMs] at which the vessel is inside <paramref name="box"/>, sampled every 30 s.</summary>
    public long? FirstTimeInside(GeoBox box, long fromMs, long toMs, bool inside = true)
    {
        for (var t = fromMs; t <= toMs; t += 30_000)
        {
            if (box.Contains(StateAt(t).Position) == inside)
            {
                return t;
            }
        }

        return null;
    }

    private VesselTimeline Add(GeoPoint to, long durationMs, int navStatus, int? headingDegrees)
    {
        var leg = new Leg(EndTimeMs, EndTimeMs + Math.Max(1, durationMs), EndPosition, to, navStatus, headingDegrees);
        _legs.Add(leg);
        EndPosition = to;
        EndTimeMs = leg.EndMs;
        return this;
    }
}

/// <summary>Position, speed, course, heading and navigational status at one moment.</summary>
internal readonly record struct VesselState(GeoPoint Position, double SpeedKnots, double CourseDegrees, int HeadingDegrees, int NavStatus);

/// <summary>One leg of a track: from one point to another between two times, at constant speed.</summary>
internal sealed record Leg(long StartMs, long EndMs, GeoPoint From, GeoPoint To, int NavStatus, int? HeadingDegrees)
{
    private readonly double _distanceMeters = SimGeo.DistanceMeters(From, To);

    public VesselState StateAt(long timeMs)
    {
        var fraction = Math.Clamp((double)(timeMs - StartMs) / (EndMs - StartMs), 0, 1);
        var position = SimGeo.Intermediate(From, To, fraction);
        var speedKnots = _distanceMeters / ((EndMs - StartMs) / 1000.0) / SimGeo.MetersPerSecondPerKnot;
        var course = _distanceMeters < 1
            ? HeadingDegrees ?? 0
            : SimGeo.DistanceMeters(position, To) > 1 ? SimGeo.BearingDegrees(position, To) : SimGeo.BearingDegrees(From, To);
        var heading = HeadingDegrees ?? (int)Math.Round(course) % 360;
        return new VesselState(position, speedKnots, course, heading, NavStatus);
    }
}
