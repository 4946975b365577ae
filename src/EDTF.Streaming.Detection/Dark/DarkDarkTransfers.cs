using System.Globalization;
using System.Text.Json.Nodes;
using EDTF.Streaming.Detection.Alerts;
using EDTF.Streaming.Detection.Pipeline;
using EDTF.Streaming.Detection.Tracking;

namespace EDTF.Streaming.Detection.Dark;

/// <summary>
/// Dark-dark transfers (RadianceFleet's rule): two vessels, at least one of interest, whose dark periods overlap by more than
/// <see cref="TransferOptions.DarkDarkMinOverlapHours"/> and whose last positions before going dark were within
/// <see cref="TransferOptions.DarkDarkMaxDistanceNm"/>. Opens when the overlap passes the threshold while both are still dark,
/// closes when the later of the two reappears. As for the visible rule, vessels that went dark within
/// <see cref="TransferOptions.PortExclusionKm"/> of a port area are left out, except inside high-risk areas.
/// Work is per dark period (a grid of the vessels dark now), never per report.
/// </summary>
internal sealed class DarkDarkTransfers
{
    private const double MsPerHour = 3_600_000;

    /// <summary>A vessel going dark is paired with at most this many of the closest dark vessels (a crowd of dark vessels in one spot would otherwise make pairs quadratic).</summary>
    private const int MaxPartners = 16;

    private readonly TransferOptions _o;
    private readonly PortAreas _ports;
    private readonly double _coveredPerDay;
    private readonly CoverageGrid _coverage;
    private readonly ReceptionModel _reception;
    private readonly double _maxUnheardShare;
    private readonly EventTimeTimers _timers;
    private readonly ITimerTarget _owner;
    private readonly int _timerKind;
    private readonly Action<Behaviour> _publish;
    private readonly long _overlapMs;
    private readonly double _cellDegrees;
    private readonly Dictionary<int, DarkEntry> _dark = [];
    private readonly Dictionary<long, List<DarkEntry>> _allCells = [];
    private readonly Dictionary<long, List<DarkEntry>> _interestCells = [];
    private readonly Dictionary<long, DarkPair> _pairs = [];

    public DarkDarkTransfers(DetectionOptions options, PortAreas ports, CoverageGrid coverage, ReceptionModel reception, EventTimeTimers timers, ITimerTarget owner, int timerKind, Action<Behaviour> publish)
    {
        _o = options.Transfer;
        _ports = ports;
        _coveredPerDay = options.Dark.CoveredPositionsPerDay;
        _coverage = coverage;
        _reception = reception;
        _maxUnheardShare = options.Dark.MaxAreaUnheardShare;
        _timers = timers;
        _owner = owner;
        _timerKind = timerKind;
        _publish = publish;
        _overlapMs = (long)(_o.DarkDarkMinOverlapHours * MsPerHour);
        _cellDegrees = _o.DarkDarkMaxDistanceNm / 60.0;
    }

    /// <summary>Close dark vessels not paired because a vessel had <see cref="MaxPartners"/> closer ones.</summary>
    public long PartnersDropped { get; private set; }

    /// <summary>Vessels dark now.</summary>
    public int DarkVessels => _dark.Count;

    /// <summary>Pairs being watched (not yet past the overlap, or open and waiting for the later reappearance).</summary>
    public int Pairs => _pairs.Count;

    /// <summary>A vessel went dark: pair it with the dark vessels whose last positions were close (a vessel of interest with any, another only with those of interest).</summary>
    public void Opened(Vessel v, long nowMs)
    {
        if (_dark.ContainsKey(v.Mmsi) || InPort(v.DarkStartLatitude, v.DarkStartLongitude))
        {
            return;
        }

        var e = new DarkEntry(v, v.DarkStartMs, v.DarkStartLatitude, v.DarkStartLongitude, v.IsOfInterest(nowMs), Cell(v.DarkStartLatitude, v.DarkStartLongitude));
        var (row, col) = e.Cell;
        var colReach = (int)Math.Ceiling(1 / Math.Max(0.05, Math.Cos(Geo.ClampLatitude(e.Latitude) * Math.PI / 180)));
        var cells = e.OfInterest ? _allCells : _interestCells;
        var candidates = new List<(DarkEntry Other, double Nm)>();
        for (var r = row - 1; r <= row + 1; r++)
        {
            for (var c = col - colReach; c <= col + colReach; c++)
            {
                if (!cells.TryGetValue(Key(r, c), out var list))
                {
                    continue;
                }

                foreach (var other in list)
                {
                    var nm = Geo.DistanceNm(e.Latitude, e.Longitude, other.Latitude, other.Longitude);
                    if (nm <= _o.DarkDarkMaxDistanceNm)
                    {
                        candidates.Add((other, nm));
                    }
                }
            }
        }

        if (candidates.Count > MaxPartners)
        {
            candidates.Sort((a, b) => a.Nm != b.Nm ? a.Nm.CompareTo(b.Nm) : a.Other.Vessel.Mmsi.CompareTo(b.Other.Vessel.Mmsi));
            PartnersDropped += candidates.Count - MaxPartners;
            candidates.RemoveRange(MaxPartners, candidates.Count - MaxPartners);
        }

        foreach (var (other, nm) in candidates)
        {
            Pair(e, other, nm);
        }

        _dark[v.Mmsi] = e;
        Place(_allCells, e);
        if (e.OfInterest)
        {
            Place(_interestCells, e);
        }
    }

    /// <summary>A vessel's dark period ended: pairs still short of the overlap are dropped; an open pair closes once both have reappeared.</summary>
    public void Ended(Vessel v, in DarkEnd end)
    {
        if (!_dark.Remove(v.Mmsi, out var e))
        {
            return;
        }

        Remove(_allCells, e);
        if (e.OfInterest)
        {
            Remove(_interestCells, e);
        }

        e.EndMs = end.EndMs;
        if (e.Pairs is null)
        {
            return;
        }

        foreach (var p in e.Pairs)
        {
            var other = p.Other(e);
            if (!p.Opened)
            {
                _pairs.Remove(p.Key);
                other.Pairs?.Remove(p);
            }
            else if (other.EndMs != 0)
            {
                _pairs.Remove(p.Key);
                _publish(Build(p, closed: true, end.EndMs, end.Source.Resolve()));
            }
        }

        e.Pairs = null;
    }

    /// <summary>A vessel whose state expired: it leaves the index and its pairs are dropped (an open alert stays open: it never reappeared).</summary>
    public void Forget(int mmsi)
    {
        if (!_dark.Remove(mmsi, out var e))
        {
            return;
        }

        Remove(_allCells, e);
        if (e.OfInterest)
        {
            Remove(_interestCells, e);
        }

        foreach (var p in e.Pairs ?? [])
        {
            _pairs.Remove(p.Key);
            p.Other(e).Pairs?.Remove(p);
        }

        e.Pairs = null;
    }

    /// <summary>The overlap timer of a pair: opens it when both are still dark.</summary>
    public void OnTimer(long key, long dueMs)
    {
        if (!_pairs.TryGetValue(key, out var p) || p.Opened || p.DueMs != dueMs || p.A.EndMs != 0 || p.B.EndMs != 0)
        {
            return;
        }

        p.Opened = true;
        // Both are still dark, so their last sources are those of the reports before the silence.
        var later = p.A.StartMs >= p.B.StartMs ? p.A : p.B;
        _publish(Build(p, closed: false, Math.Max(dueMs, _timers.NowMs), later.Vessel.LastSource.Resolve()));
    }

    private void Pair(DarkEntry e, DarkEntry other, double distanceNm)
    {
        var (a, b) = e.Vessel.Mmsi < other.Vessel.Mmsi ? (e, other) : (other, e);
        var key = ((long)a.Vessel.Mmsi << 32) | (uint)b.Vessel.Mmsi;
        if (_pairs.ContainsKey(key))
        {
            return;
        }

        var p = new DarkPair(key, a, b, Math.Max(a.StartMs, b.StartMs), distanceNm);
        p.DueMs = p.OverlapStartMs + _overlapMs;
        _pairs[key] = p;
        (a.Pairs ??= []).Add(p);
        (b.Pairs ??= []).Add(p);
        _timers.Schedule(_owner, key, p.DueMs, _timerKind);
    }

    /// <summary>Whole hours of the overlap so far, and the share of them in which neither vessel's last cell was heard.</summary>
    private (int Hours, double Share) UnheardShare(DarkPair p, long untilMs)
    {
        var (hours, heardA) = _reception.AreaHeard(p.A.Station, p.A.Latitude, p.A.Longitude, p.A.Latitude, p.A.Longitude, p.OverlapStartMs, untilMs);
        var (_, heardB) = _reception.AreaHeard(p.B.Station, p.B.Latitude, p.B.Longitude, p.B.Latitude, p.B.Longitude, p.OverlapStartMs, untilMs);
        return (hours, hours > 0 ? (hours - Math.Max(heardA, heardB)) / (double)hours : 0);
    }

    private Behaviour Build(DarkPair p, bool closed, long nowMs, AlertSource? source)
    {
        var a = p.A;
        var b = p.B;
        var overlapEndMs = closed ? Math.Min(a.EndMs, b.EndMs) : nowMs;
        var lat = (a.Latitude + b.Latitude) / 2;
        var lon = (a.Longitude + b.Longitude) / 2;
        var (coverage, covered) = _coverage.Describe(lat, lon, p.OverlapStartMs, overlapEndMs, _coveredPerDay);
        var (areaHours, unheardShare) = UnheardShare(p, overlapEndMs);
        var tanker = (a.Vessel.Identity?.IsTanker ?? false) || (b.Vessel.Identity?.IsTanker ?? false);
        var evidence = new JsonObject
        {
            ["pattern"] = AlertPatterns.DarkDark,
            ["overlapHours"] = DarkPeriodDetector.Round((overlapEndMs - p.OverlapStartMs) / MsPerHour),
            ["lastPositionsDistanceNm"] = DarkPeriodDetector.Round(p.DistanceNm),
            ["gaps"] = new JsonArray(Gap(a, nowMs), Gap(b, nowMs)),
            ["tanker"] = tanker,
            ["coverage"] = coverage,
            ["areaHours"] = areaHours,
            ["areaUnheardShare"] = DarkPeriodDetector.Round(unheardShare),
            ["minOverlapHours"] = DarkPeriodDetector.Round(_o.DarkDarkMinOverlapHours),
            ["maxDistanceNm"] = DarkPeriodDetector.Round(_o.DarkDarkMaxDistanceNm),
        };
        return new Behaviour
        {
            AlertId = AlertIds.ForPair(AlertTypes.ShipToShipTransfer, a.Vessel.Mmsi, b.Vessel.Mmsi, p.OverlapStartMs, AlertPatterns.DarkDark),
            Type = AlertTypes.ShipToShipTransfer,
            Closed = closed,
            Mmsi = a.Vessel.Mmsi,
            CounterpartMmsi = b.Vessel.Mmsi,
            StartMs = p.OverlapStartMs,
            EndMs = closed ? Math.Max(a.EndMs, b.EndMs) : null,
            Latitude = lat,
            Longitude = lon,
            Confidence = covered && tanker && !(areaHours > 0 && unheardShare > _maxUnheardShare) ? Confidence.Medium : Confidence.Low,
            Evidence = evidence,
            DetectedAtMs = nowMs,
            Source = source,
            Pattern = AlertPatterns.DarkDark,
            QualifiesForAll = false,
        };
    }

    private static JsonObject Gap(DarkEntry e, long nowMs) => new()
    {
        ["mmsi"] = e.Vessel.Mmsi,
        ["start"] = Rfc3339(e.StartMs),
        ["end"] = e.EndMs == 0 ? null : Rfc3339(e.EndMs),
        ["gapHours"] = DarkPeriodDetector.Round(((e.EndMs == 0 ? nowMs : e.EndMs) - e.StartMs) / MsPerHour),
        ["lastPosition"] = new JsonObject { ["lat"] = Math.Round(e.Latitude, 6), ["lon"] = Math.Round(e.Longitude, 6) },
    };

    internal static string Rfc3339(long ms)
    {
        var t = AlertStage.Time(ms).UtcDateTime;
        return t.ToString(t.Millisecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
    }

    /// <summary>Within the port exclusion distance of a port area and outside the high-risk areas (moored side by side, not a transfer).</summary>
    private bool InPort(double lat, double lon) =>
        _ports.MayBeNear(lat, lon) && _ports.IsNearPort(lat, lon, _o.PortExclusionKm) && !_ports.InHighRiskArea(lat, lon);

    /// <summary>The index cell of a position, clamped onto the Earth first so that neighbouring cell numbers cannot overflow.</summary>
    private (int Row, int Col) Cell(double lat, double lon) =>
        ((int)Math.Floor(Geo.ClampLatitude(lat) / _cellDegrees), (int)Math.Floor(Geo.ClampLongitude(lon) / _cellDegrees));

    private static long Key(int row, int col) => ((long)row << 32) | (uint)col;

    private static void Place(Dictionary<long, List<DarkEntry>> cells, DarkEntry e)
    {
        var key = Key(e.Cell.Row, e.Cell.Col);
        if (!cells.TryGetValue(key, out var list))
        {
            cells[key] = list = [];
        }

        list.Add(e);
    }

    private static void Remove(Dictionary<long, List<DarkEntry>> cells, DarkEntry e)
    {
        var key = Key(e.Cell.Row, e.Cell.Col);
        if (cells.TryGetValue(key, out var list) && list.Remove(e) && list.Count == 0)
        {
            cells.Remove(key);
        }
    }

    /// <summary>One vessel's current dark period (kept small: one per vessel dark now).</summary>
    private sealed class DarkEntry(Vessel vessel, long startMs, double latitude, double longitude, bool ofInterest, (int Row, int Col) cell)
    {
        public Vessel Vessel { get; } = vessel;

        public long StartMs { get; } = startMs;

        public double Latitude { get; } = latitude;

        public double Longitude { get; } = longitude;

        public bool OfInterest { get; } = ofInterest;

        public (int Row, int Col) Cell { get; } = cell;

        /// <summary>The station that last heard the vessel before it went dark (<see cref="StationIds"/>).</summary>
        [field: Snapshots.StationNumber]
        public int Station { get; } = vessel.LastSource.Station;

        /// <summary>Reappearance time, 0 while dark.</summary>
        public long EndMs { get; set; }

        /// <summary>Pairs with other dark vessels; null while there are none.</summary>
        public List<DarkPair>? Pairs { get; set; }
    }

    /// <summary>Two dark vessels whose last positions were close; A has the lower MMSI.</summary>
    private sealed class DarkPair(long key, DarkEntry a, DarkEntry b, long overlapStartMs, double distanceNm)
    {
        public long Key { get; } = key;

        public DarkEntry A { get; } = a;

        public DarkEntry B { get; } = b;

        public long OverlapStartMs { get; } = overlapStartMs;

        public double DistanceNm { get; } = distanceNm;

        public long DueMs { get; set; }

        public bool Opened { get; set; }

        public DarkEntry Other(DarkEntry e) => ReferenceEquals(e, A) ? B : A;
    }
}
