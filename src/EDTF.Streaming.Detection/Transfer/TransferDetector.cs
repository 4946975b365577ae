using System.Text.Json.Nodes;
using EDTF.Streaming.Detection.Alerts;
using EDTF.Streaming.Detection.Dark;
using EDTF.Streaming.Detection.Pipeline;
using EDTF.Streaming.Detection.Tracking;

namespace EDTF.Streaming.Detection.Transfer;

/// <summary>
/// Ship-to-ship transfers: two vessels both slower than 2 kn within 500 m, compared at the same instant (each new position
/// segment of one vessel is interpolated to the other's last report time, never across a silence of an hour or more).
/// Opens after 30 min together, confident after 2 h; partings shorter than 4 h merge into one event, which closes once the
/// pair has been apart for 4 h. Pairs within 10 km of a port are dropped, except inside high-risk areas (lower confidence).
/// A tanker (AIS type 80-89) raises the confidence. One vessel may have several counterparts at once.
/// Also runs the "one side dark" rule (<see cref="OneSideDarkTransfers"/>) on the same slow, port-checked reports.
/// </summary>
internal sealed class TransferDetector : Detector
{
    private const double MsPerHour = 3_600_000;
    private const double MovedMetersForProximityCheck = 300;

    private readonly TransferOptions _o;
    private readonly PortAreas _ports;
    private readonly EventTimeTimers _timers;
    private readonly SpatialGrid _grid;
    private readonly Dictionary<long, PairState> _pairs = [];
    private readonly List<Vessel> _near = [];
    private readonly long _maxSegmentMs;
    private readonly long _mergeMs;
    private readonly long _openMs;
    private readonly long _confidentMs;
    private readonly OneSideDarkTransfers? _oneSide;

    public TransferDetector(TransferOptions options, PortAreas ports, EventTimeTimers timers)
    {
        _o = options;
        _ports = ports;
        _timers = timers;
        _grid = new SpatialGrid(options.MaxDistanceMeters);
        _maxSegmentMs = (long)(options.MaxInterpolationGapMinutes * 60_000);
        _mergeMs = (long)(options.MergeGapHours * MsPerHour);
        _openMs = (long)(options.OpenAfterMinutes * 60_000);
        _confidentMs = (long)(options.ConfidentAfterMinutes * 60_000);
        _oneSide = options.OneSideDarkEnabled ? new OneSideDarkTransfers(options, Publish) : null;
    }

    public override int TimerOrder => 2;

    public int ActivePairs => _pairs.Count;

    public int GridVessels => _grid.Count;

    public override void OnNext(TrackEvent ev)
    {
        if (ev.Kind != TrackEventKind.Position)
        {
            return;
        }

        var x = ev.Vessel;
        if (!IsSlow(ev.SpeedKnots) || !Eligible(x, ev.Latitude, ev.Longitude, out var flags))
        {
            _grid.Remove(x);
            if (x.Loiter != LoiterState.None)
            {
                _oneSide?.Break(x, ev);
            }

            return;
        }

        _grid.Place(x, ev.Latitude, ev.Longitude);
        _oneSide?.Track(x, ev, flags);
        PairUp(x, ev, flags);
        _oneSide?.MaybeOpen(x, ev);
    }

    /// <summary>Compares the slow vessel's new position segment with the slow vessels near it.</summary>
    private void PairUp(Vessel x, in TrackEvent ev, ProximityFlags flags)
    {
        var segmentMs = ev.TimeMs - x.PreviousTimeMs;
        if (x.PreviousTimeMs == 0 || segmentMs >= _maxSegmentMs)
        {
            return;
        }

        _grid.Near(ev.Latitude, ev.Longitude, _near);
        foreach (var y in _near)
        {
            if (ReferenceEquals(y, x) || y.PositionTimeMs < x.PreviousTimeMs || y.PositionTimeMs > ev.TimeMs)
            {
                continue;
            }

            // Interpolate x's segment to y's report time: both positions then refer to the same instant.
            var f = segmentMs == 0 ? 1 : (double)(y.PositionTimeMs - x.PreviousTimeMs) / segmentMs;
            var lat = x.PreviousLatitude + ((ev.Latitude - x.PreviousLatitude) * f);
            var lon = x.PreviousLongitude + ((ev.Longitude - x.PreviousLongitude) * f);
            var meters = Geo.DistanceMeters(lat, lon, y.Latitude, y.Longitude);
            if (meters > _o.MaxDistanceMeters || !IsSlow(y.SpeedKnots))
            {
                continue;
            }

            var yFlags = y.Proximity;
            var speed = Math.Max(Nan0(ev.SpeedKnots), Nan0(y.SpeedKnots));
            Together(x, y, y.PositionTimeMs, meters, speed, (lat + y.Latitude) / 2, (lon + y.Longitude) / 2, flags | yFlags, ev);
        }
    }

    public override void OnTimer(long key, long dueMs, int kind)
    {
        if (!_pairs.TryGetValue(key, out var pair))
        {
            return;
        }

        var deadline = pair.LastTogetherMs + _mergeMs;
        if (deadline > dueMs)
        {
            pair.TimerDueMs = deadline;
            _timers.Schedule(this, key, deadline);
            return;
        }

        Finish(key, pair, dueMs, pair.LastSource.Resolve());
    }

    private void Together(Vessel x, Vessel y, long sampleMs, double meters, double speed, double lat, double lon, ProximityFlags flags, in TrackEvent ev)
    {
        var (a, b) = x.Mmsi < y.Mmsi ? (x, y) : (y, x);
        var key = ((long)a.Mmsi << 32) | (uint)b.Mmsi;
        if (_pairs.TryGetValue(key, out var pair) && sampleMs - pair.LastTogetherMs >= _mergeMs)
        {
            Finish(key, pair, ev.TimeMs, ev.Source.Resolve());
            pair = null;
        }

        if (pair is null)
        {
            pair = new PairState(a, b, sampleMs);
            _pairs[key] = pair;
            pair.TimerDueMs = sampleMs + _mergeMs;
            _timers.Schedule(this, key, pair.TimerDueMs);
        }

        if (_oneSide is not null)
        {
            _oneSide.PartnerHeard(x, ev.TimeMs, ev.Source);
            _oneSide.PartnerHeard(y, ev.TimeMs, ev.Source);
        }

        pair.AddSample(sampleMs, meters, speed, lat, lon);
        pair.LastSource = ev.Source;
        pair.NearPortInHighRiskArea |= (flags & ProximityFlags.NearPort) != 0;
        pair.InHighRiskArea |= (flags & ProximityFlags.HighRisk) != 0;
        var together = pair.LastTogetherMs - pair.StartMs;
        if (!pair.Opened && together >= _openMs)
        {
            pair.Opened = true;
            pair.Confident = together >= _confidentMs;
            Publish(Build(pair, closed: false, ev.TimeMs, ev.Source.Resolve()));
        }
        else if (pair.Opened && !pair.Confident && together >= _confidentMs)
        {
            pair.Confident = true;
            Publish(Build(pair, closed: false, ev.TimeMs, ev.Source.Resolve()));
        }
    }

    private void Finish(long key, PairState pair, long nowMs, AlertSource? source)
    {
        _pairs.Remove(key);
        if (pair.LastTogetherMs - pair.StartMs >= _openMs)
        {
            Publish(Build(pair, closed: true, nowMs, source));
        }
    }

    private Behaviour Build(PairState p, bool closed, long nowMs, AlertSource? source)
    {
        var tanker = (p.A.Identity?.IsTanker ?? false) || (p.B.Identity?.IsTanker ?? false);
        var score = (p.LastTogetherMs - p.StartMs >= _confidentMs ? 1 : 0) + (tanker ? 1 : 0) - (p.NearPortInHighRiskArea ? 1 : 0);
        var evidence = new JsonObject
        {
            ["minDistanceM"] = Math.Round(p.MinDistanceMeters, 1),
            ["medianDistanceM"] = Math.Round(p.MedianDistanceMeters, 1),
            ["medianSpeedKn"] = DarkPeriodDetector.Round(p.MedianSpeedKnots),
            ["durationHours"] = DarkPeriodDetector.Round(p.DurationHours),
            ["samples"] = p.Samples,
            ["tanker"] = tanker,
            ["inHighRiskArea"] = p.InHighRiskArea,
            ["nearPort"] = p.NearPortInHighRiskArea,
        };
        return new Behaviour
        {
            AlertId = AlertIds.ForPair(AlertTypes.ShipToShipTransfer, p.A.Mmsi, p.B.Mmsi, p.StartMs),
            Type = AlertTypes.ShipToShipTransfer,
            Closed = closed,
            Mmsi = p.A.Mmsi,
            CounterpartMmsi = p.B.Mmsi,
            StartMs = p.StartMs,
            EndMs = closed ? p.LastTogetherMs : null,
            Latitude = p.SumLatitude / p.Samples,
            Longitude = p.SumLongitude / p.Samples,
            Confidence = Confidence.FromScore(score),
            Evidence = evidence,
            DetectedAtMs = nowMs,
            Source = source,
            Cargo = closed ? new Cargo.CargoContext(p.LastTogetherMs, null, [new Cargo.CargoSide(p.A.Mmsi, p.DraughtBeforeA), new Cargo.CargoSide(p.B.Mmsi, p.DraughtBeforeB)]) : null,
        };
    }

    /// <summary>Whether the vessel may take part in a transfer here (not within the exclusion distance of a port, unless in a high-risk area); flags are cached while it stays put.</summary>
    private bool Eligible(Vessel v, double lat, double lon, out ProximityFlags flags)
    {
        if (float.IsNaN(v.ProximityLatitude) ||
            Geo.DistanceMeters(v.ProximityLatitude, v.ProximityLongitude, lat, lon) > MovedMetersForProximityCheck)
        {
            var f = ProximityFlags.None;
            if (_ports.MayBeNear(lat, lon))
            {
                if (_ports.IsNearPort(lat, lon, _o.PortExclusionKm))
                {
                    f |= ProximityFlags.NearPort;
                }

                if (_ports.InHighRiskArea(lat, lon))
                {
                    f |= ProximityFlags.HighRisk;
                }
            }

            v.Proximity = f;
            v.ProximityLatitude = (float)lat;
            v.ProximityLongitude = (float)lon;
        }

        flags = v.Proximity;
        return (flags & ProximityFlags.NearPort) == 0 || (flags & ProximityFlags.HighRisk) != 0;
    }

    private bool IsSlow(float speedKnots) => !float.IsNaN(speedKnots) && speedKnots < _o.MaxSpeedKnots;

    private static double Nan0(float x) => float.IsNaN(x) ? 0 : x;
}
