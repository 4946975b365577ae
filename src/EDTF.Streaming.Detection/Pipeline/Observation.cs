using EDTF.Streaming.Ais;

namespace EDTF.Streaming.Detection.Pipeline;

/// <summary>What detection keeps of one report while it waits in the reorder buffer (compact: 64 bytes, no strings unless static).</summary>
internal readonly struct Observation
{
    private const int MmsiMask = (1 << 30) - 1;
    private const int PositionFlag = 1 << 30;

    /// <summary>The 30-bit MMSI, with <see cref="PositionFlag"/> above it.</summary>
    private readonly int _mmsiAndFlags;

    public Observation(in AisReport r, SourceRef source, long sequence)
    {
        TimeMs = r.EventTimeMs!.Value;
        _mmsiAndFlags = (uint)r.Mmsi <= MmsiMask ? r.Mmsi : 0; // AIS MMSIs are 30 bits; anything else is no vessel
        Sequence = sequence;
        Source = source.WithStation(StationIds.Of(r.Source));
        if (r.IsPositionReport)
        {
            _mmsiAndFlags |= PositionFlag;
            Latitude = r.Latitude!.Value;
            Longitude = r.Longitude!.Value;
            SpeedKnots = r.SpeedKnots is { } s ? (float)s : float.NaN;
        }

        if (r.IsStaticReport && (r.Imo is not null || r.Name is not null || r.Callsign is not null || r.ShipType is not null || r.DraughtMeters is not null || r.Destination is not null))
        {
            Static = new StaticData(r.Imo, r.Name, r.Callsign, r.ShipType, r.DraughtMeters, r.Destination, Sum(r.ToBow, r.ToStern), Sum(r.ToPort, r.ToStarboard));
        }
    }

    /// <summary>An observation rebuilt from a state snapshot, field by field (<see cref="MmsiAndFlags"/> as it was).</summary>
    internal Observation(long timeMs, int mmsiAndFlags, long sequence, double latitude, double longitude, float speedKnots, StaticData? data, SourceRef source)
    {
        TimeMs = timeMs;
        _mmsiAndFlags = mmsiAndFlags;
        Sequence = sequence;
        Latitude = latitude;
        Longitude = longitude;
        SpeedKnots = speedKnots;
        Static = data;
        Source = source;
    }

    private Observation(in Observation o, long sequence)
    {
        this = o;
        Sequence = sequence;
    }

    public long TimeMs { get; }

    public int Mmsi => _mmsiAndFlags & MmsiMask;

    /// <summary>The MMSI with the position flag, as stored (for the state snapshot).</summary>
    internal int MmsiAndFlags => _mmsiAndFlags;

    public long Sequence { get; }

    public bool IsPosition => (_mmsiAndFlags & PositionFlag) != 0;

    public double Latitude { get; }

    public double Longitude { get; }

    /// <summary>Speed over ground, NaN when not available.</summary>
    public float SpeedKnots { get; }

    public StaticData? Static { get; }

    public SourceRef Source { get; }

    public bool IsUseful => IsPosition || Static is not null;

    /// <summary>Reduces a report read from line <paramref name="line"/> of <paramref name="file"/>; false when it has no event time.</summary>
    public static bool TryCreate(in AisReport r, string file, long line, out Observation o)
    {
        if (r.EventTimeMs is null)
        {
            o = default;
            return false;
        }

        o = new Observation(r, new SourceRef(null, file, line), 0);
        return true;
    }

    /// <summary>A hull dimension from its two reported parts (A+B, C+D); null unless both are known and positive.</summary>
    private static int? Sum(int? a, int? b) => a is > 0 && b is > 0 ? a + b : null;

    /// <summary>This observation with another arrival number.</summary>
    public Observation WithSequence(long sequence) => new(this, sequence);

    /// <summary>Total order used to release reports: event time, then MMSI, then arrival.</summary>
    public static int Compare(in Observation a, in Observation b)
    {
        var c = a.TimeMs.CompareTo(b.TimeMs);
        if (c != 0)
        {
            return c;
        }

        c = a.Mmsi.CompareTo(b.Mmsi);
        return c != 0 ? c : a.Sequence.CompareTo(b.Sequence);
    }
}

/// <summary>The identity and voyage fields of a static report; hull length (A+B) and beam (C+D) in metres when reported.</summary>
internal sealed record StaticData(int? Imo, string? Name, string? Callsign, int? ShipType, double? DraughtMeters, string? Destination,
    int? LengthMeters = null, int? BeamMeters = null);
