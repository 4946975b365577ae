using EDTF.Streaming.Detection.Pipeline;

namespace EDTF.Streaming.Detection.Tracking;

/// <summary>The per-vessel stage: keeps each vessel's identity and last positions, drops non-vessels and duplicates, distrusts impossible jumps, and emits track events.</summary>
internal sealed partial class VesselTracker
{
    private const long DuplicateWindowMs = 2_000;
    private const double MinJumpNm = 1.0;
    private const byte AcceptAfterRejects = 3;

    private readonly Dictionary<int, Vessel> _vessels = [];
    private readonly ImoIndex _imoIndex = new();
    private readonly Watchlist _watchlist;
    private readonly DetectionOptions _options;

    public VesselTracker(DetectionOptions options, Watchlist watchlist)
    {
        _options = options;
        _watchlist = watchlist;
    }

    /// <summary>Raised when a vessel becomes of interest after it was first seen (its IMO arrived).</summary>
    public event Action<Vessel, long, AlertSource?>? BecameOfInterest;

    public int Count => _vessels.Count;

    public int OfInterestCount { get; private set; }

    /// <summary>Vessels of interest by their MID alone (not on the watch list by MMSI).</summary>
    public int MidOnlyCount { get; private set; }

    /// <summary>Reports of new vessels not tracked because <see cref="CapacityOptions.MaxTrackedVessels"/> were tracked already.</summary>
    public long RefusedVesselReports { get; private set; }

    /// <summary>New MID-445 vessels tracked as ordinary vessels because <see cref="CapacityOptions.MaxMidOnlyVesselsOfInterest"/> were of interest already.</summary>
    public long MidInterestRefused { get; private set; }

    public long NonVesselReports { get; private set; }

    public long Duplicates { get; private set; }

    public long ImplausibleJumps { get; private set; }

    public IEnumerable<Vessel> Vessels => _vessels.Values;

    public Vessel? Find(int mmsi) => _vessels.GetValueOrDefault(mmsi);

    /// <summary>Applies one report; returns false when it produced no track event.</summary>
    public bool Apply(in Observation o, out TrackEvent ev)
    {
        ev = default;
        if (!MaritimeIdentities.IsVessel(o.Mmsi))
        {
            NonVesselReports++;
            return false;
        }

        if (GetOrCreate(o.Mmsi, o.Static?.Imo) is not { } vessel)
        {
            return false;
        }

        vessel.LastReportMs = Math.Max(vessel.LastReportMs, o.TimeMs);
        IdentityChange? change = null;
        if (o.Static is { } s)
        {
            change = ApplyStatic(vessel, s, o.TimeMs, o.Source, inOrder: true);
            if (!o.IsPosition)
            {
                ev = new TrackEvent(vessel, TrackEventKind.Static, o.TimeMs, vessel.Latitude, vessel.Longitude, vessel.SpeedKnots, vessel.LastHeardMs, o.Source, change);
                return true;
            }
        }

        if (!o.IsPosition)
        {
            return false;
        }

        var moved = ApplyPosition(vessel, o, out ev);
        if (change is not null)
        {
            ev = moved ? ev with { Change = change } : new TrackEvent(vessel, TrackEventKind.Static, o.TimeMs, vessel.Latitude, vessel.Longitude, vessel.SpeedKnots, vessel.LastHeardMs, o.Source, change);
            return true;
        }

        return moved;
    }

    /// <summary>Identity from a report that arrived too late to be put in order: it fills what is unknown, and never replaces (or reports as changed) a newer identity.</summary>
    public void ApplyLateStatic(in Observation o)
    {
        if (o.Static is { } s && MaritimeIdentities.IsVessel(o.Mmsi) && GetOrCreate(o.Mmsi, s.Imo) is { } vessel)
        {
            ApplyStatic(vessel, s, o.TimeMs, o.Source, inOrder: false);
        }
    }

    private bool ApplyPosition(Vessel v, in Observation o, out TrackEvent ev)
    {
        var previousHeard = v.LastHeardMs;
        if (v.PositionTimeMs != 0 && o.TimeMs - v.LastHeardMs <= DuplicateWindowMs &&
            o.Latitude == v.Latitude && o.Longitude == v.Longitude &&
            (o.SpeedKnots == v.SpeedKnots || (float.IsNaN(o.SpeedKnots) && float.IsNaN(v.SpeedKnots))))
        {
            Duplicates++;
            ev = default;
            return false;
        }

        v.LastHeardMs = o.TimeMs;
        if (v.PositionTimeMs != 0)
        {
            var nm = Geo.DistanceNm(v.Latitude, v.Longitude, o.Latitude, o.Longitude);
            var hours = Math.Max(o.TimeMs - v.PositionTimeMs, 1_000) / 3_600_000.0;
            if (nm > MinJumpNm && nm / hours > _options.MaxPlausibleSpeedKnots && (v.ImplausibleRun < AcceptAfterRejects - 1 || v.IdentityConflict))
            {
                v.ImplausibleRun++;
                ImplausibleJumps++;
                ev = new TrackEvent(v, TrackEventKind.Implausible, o.TimeMs, o.Latitude, o.Longitude, o.SpeedKnots, previousHeard, o.Source);
                return true;
            }
        }

        v.ImplausibleRun = 0;
        v.PreviousTimeMs = v.PositionTimeMs;
        v.PreviousLatitude = v.Latitude;
        v.PreviousLongitude = v.Longitude;
        v.PreviousSpeedKnots = v.SpeedKnots;
        v.PositionTimeMs = o.TimeMs;
        v.Latitude = o.Latitude;
        v.Longitude = o.Longitude;
        v.SpeedKnots = o.SpeedKnots;
        if (o.SpeedKnots is > 1 and < 60)
        {
            v.UsualSpeedKnots = v.UsualSpeedKnots == 0 ? o.SpeedKnots : (0.95f * v.UsualSpeedKnots) + (0.05f * o.SpeedKnots);
        }

        ev = new TrackEvent(v, TrackEventKind.Position, o.TimeMs, o.Latitude, o.Longitude, o.SpeedKnots, previousHeard, o.Source);
        return true;
    }

    /// <summary>The vessel's state, created on its first report; null when the tracker is full and the vessel is not on the watch list (by MMSI, or by the IMO its report carries).</summary>
    private Vessel? GetOrCreate(int mmsi, int? imo = null)
    {
        if (_vessels.TryGetValue(mmsi, out var known))
        {
            return known;
        }

        var listed = _watchlist.ContainsMmsi(mmsi);
        if (_vessels.Count >= _options.Capacity.MaxTrackedVessels && !listed && !(imo is { } i && _watchlist.ContainsImo(i)))
        {
            RefusedVesselReports++;
            return null;
        }

        var v = new Vessel(mmsi);
        if (MaritimeIdentities.Mid(mmsi) == 445 && !listed)
        {
            if (MidOnlyCount < _options.Capacity.MaxMidOnlyVesselsOfInterest)
            {
                v.Interest |= InterestReasons.Mid;
                MidOnlyCount++;
            }
            else
            {
                MidInterestRefused++;
            }
        }
        else if (MaritimeIdentities.Mid(mmsi) == 445)
        {
            v.Interest |= InterestReasons.Mid;
        }

        if (listed)
        {
            v.Interest |= InterestReasons.Mmsi;
        }

        if (v.Interest != InterestReasons.None)
        {
            OfInterestCount++;
        }

        _vessels[mmsi] = v;
        return v;
    }

    /// <summary>Applies identity and voyage data; returns the identity change it reveals (in-order reports only), or null.</summary>
    private IdentityChange? ApplyStatic(Vessel v, StaticData s, long timeMs, SourceRef source, bool inOrder)
    {
        var id = v.Identity ??= new VesselIdentity();
        var wasOfInterest = v.IsOfInterest(timeMs);
        var change = inOrder ? IdentityChanges.Find(v, s, timeMs, _imoIndex, Find) : null;
        if (inOrder)
        {
            if (s.Imo is { } imo)
            {
                id.Imo = imo;
            }

            id.Name = Pick(id.Name, s.Name);
            id.Callsign = Pick(id.Callsign, s.Callsign);
        }
        else
        {
            id.Imo ??= s.Imo;
            id.Name ??= string.IsNullOrWhiteSpace(s.Name) ? null : s.Name;
            id.Callsign ??= string.IsNullOrWhiteSpace(s.Callsign) ? null : s.Callsign;
        }

        id.Destination = Pick(id.Destination, s.Destination);
        if (s.ShipType is { } type)
        {
            id.ShipType = type;
        }

        if (s.DraughtMeters is { } d)
        {
            id.Draught = (float)d;
            id.DraughtReportedMs = Math.Max(id.DraughtReportedMs, timeMs);
        }

        if (s.LengthMeters is { } length && s.BeamMeters is { } beam)
        {
            id.LengthMeters = (short)Math.Min(length, short.MaxValue);
            id.BeamMeters = (short)Math.Min(beam, short.MaxValue);
        }

        var was = v.Interest;
        var imoMatch = id.Imo is { } i && _watchlist.ContainsImo(i);
        v.Interest = imoMatch ? v.Interest | InterestReasons.Imo : v.Interest & ~InterestReasons.Imo;
        if (change is not null)
        {
            InheritInterest(v, change, wasOfInterest);
        }

        if (was == InterestReasons.None && v.Interest != InterestReasons.None)
        {
            OfInterestCount++;
            BecameOfInterest?.Invoke(v, timeMs, source.Resolve());
        }
        else if (was != InterestReasons.None && v.Interest == InterestReasons.None)
        {
            OfInterestCount--;
        }

        if (inOrder && id.Imo is { } known && v.IsOfInterest(timeMs))
        {
            _imoIndex.Record(known, new IdentitySnapshot(v.Mmsi, known, id.Name, id.Callsign, timeMs));
        }

        return change;
    }

    /// <summary>Watch-list matching follows the vessel: the interest of the identity it had before stays with it (an IMO of interest seen before under another MMSI, or an IMO it no longer sends).</summary>
    private static void InheritInterest(Vessel v, IdentityChange change, bool wasOfInterest)
    {
        var previous = change.Previous;
        var id = v.Identity!;
        var fromOtherMmsi = previous.Mmsi != v.Mmsi; // only vessels of interest are in the IMO index
        if (!fromOtherMmsi && !(wasOfInterest && previous.Imo is not null && previous.Imo != id.Imo))
        {
            return;
        }

        v.Interest |= InterestReasons.Identity;
        if (fromOtherMmsi)
        {
            id.PreviousMmsi = previous.Mmsi;
        }

        if (previous.Imo != id.Imo)
        {
            id.PreviousImo = previous.Imo;
        }
    }

    /// <summary>Vessels forgotten by idle expiry so far.</summary>
    public long Evicted { get; private set; }

    /// <summary>Raised for each vessel <see cref="Evict"/> forgets, after it is gone (state kept elsewhere about it can go too).</summary>
    public event Action<int>? Forgotten;

    /// <summary>Forgets every vessel for which <paramref name="evict"/> says so; returns their MMSIs in ascending order.</summary>
    public List<int> Evict(Func<Vessel, bool> evict)
    {
        var gone = new List<int>();
        foreach (var (mmsi, v) in _vessels)
        {
            if (evict(v))
            {
                gone.Add(mmsi);
            }
        }

        gone.Sort();
        foreach (var mmsi in gone)
        {
            _vessels.Remove(mmsi);
            Forgotten?.Invoke(mmsi);
        }

        Evicted += gone.Count;
        return gone;
    }

    internal void MarkCounterpart(Vessel v, int ofMmsi, long untilMs, long nowMs, AlertSource? source)
    {
        var wasOfInterest = v.IsOfInterest(nowMs);
        v.CounterpartOf = ofMmsi;
        v.CounterpartUntilMs = Math.Max(v.CounterpartUntilMs, untilMs);
        AddInterest(v, InterestReasons.Counterpart, wasOfInterest, nowMs, source);
    }

    /// <summary>The vessel called at a DPRK port: of interest until <paramref name="untilMs"/>, whatever its flag.</summary>
    internal void MarkDprkPortCall(Vessel v, string port, long untilMs, long nowMs, AlertSource? source)
    {
        var wasOfInterest = v.IsOfInterest(nowMs);
        v.DprkCallPort = port;
        v.DprkCallUntilMs = Math.Max(v.DprkCallUntilMs, untilMs);
        AddInterest(v, InterestReasons.DprkPortCall, wasOfInterest, nowMs, source);
    }

    /// <summary>Adds a time-limited reason of interest; tells <see cref="BecameOfInterest"/> when the vessel was not of interest before.</summary>
    private void AddInterest(Vessel v, InterestReasons reason, bool wasOfInterest, long nowMs, AlertSource? source)
    {
        if (v.Interest == InterestReasons.None)
        {
            OfInterestCount++;
        }

        v.Interest |= reason;
        if (!wasOfInterest)
        {
            BecameOfInterest?.Invoke(v, nowMs, source);
        }
    }

    private static string? Pick(string? current, string? incoming) =>
        string.IsNullOrWhiteSpace(incoming) ? current : string.Equals(current, incoming, StringComparison.Ordinal) ? current : incoming;
}
