namespace EDTF.Streaming.Simulation;

/// <summary>Why a simulated vessel is of interest to the detection, if at all.</summary>
internal enum InterestKind
{
    None,
    Imo,
    Mid,
}

/// <summary>What a vessel says about itself in its static reports.</summary>
internal sealed record VesselIdentity(int Mmsi, int? Imo, string Name, string Callsign, int ShipType, int LengthMeters, int WidthMeters, string Destination);

/// <summary>One simulated vessel: identity, interest, scripted track and the state of its report schedule.</summary>
internal sealed class SimulatedVessel(int index, VesselIdentity identity, InterestKind interest, VesselTimeline timeline, string role)
{
    public int Index { get; } = index;

    public VesselIdentity Identity { get; } = identity;

    public InterestKind Interest { get; } = interest;

    public VesselTimeline Timeline { get; } = timeline;

    /// <summary>"background" or the id of the behaviour that scripted it.</summary>
    public string Role { get; } = role;

    public bool IsOfInterest => Interest != InterestKind.None;

    /// <summary>Identities the vessel takes on later (re-flagged, renamed, a new destination), in time order; see <see cref="IdentityAt"/>.</summary>
    public List<(long FromMs, VesselIdentity Identity)> LaterIdentities { get; } = [];

    /// <summary>Every report is heard by two receivers (the same message twice, a different station).</summary>
    public bool HeardTwice { get; set; }

    /// <summary>What the vessel broadcasts at <paramref name="timeMs"/>: the last identity taken on by then.</summary>
    public VesselIdentity IdentityAt(long timeMs)
    {
        var identity = Identity;
        foreach (var (fromMs, later) in LaterIdentities)
        {
            if (fromMs <= timeMs)
            {
                identity = later;
            }
        }

        return identity;
    }
}
