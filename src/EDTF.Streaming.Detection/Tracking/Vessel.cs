namespace EDTF.Streaming.Detection.Tracking;

/// <summary>Everything the detectors remember about one vessel; kept compact (no lists, no per-vessel observables).</summary>
/// <remarks>Owned by the single pipeline thread. Times are Unix epoch milliseconds of event time; 0 means "never".</remarks>
internal sealed class Vessel(int mmsi)
{
    public int Mmsi { get; } = mmsi;

    /// <summary>Identity from static reports; null until the first one.</summary>
    public VesselIdentity? Identity;

    /// <summary>Why the vessel is of interest (flags), recomputed when the identity changes.</summary>
    public InterestReasons Interest;

    /// <summary>The counterpart rule lasts until this time (0 = not applicable).</summary>
    public long CounterpartUntilMs;

    /// <summary>The vessel of interest whose transfer made this one of interest.</summary>
    public int CounterpartOf;

    /// <summary>A call at a port of the DPRK keeps the vessel of interest until this time (0 = never called).</summary>
    public long DprkCallUntilMs;

    /// <summary>The DPRK port of the latest such call.</summary>
    public string? DprkCallPort;

    /// <summary>Coal loaded at a DPRK port and not yet unloaded.</summary>
    public bool CarriesDprkCoal;

    // ---- track ----

    /// <summary>Event time of the newest report of any kind (static reports included): what idle expiry goes by.</summary>
    public long LastReportMs;
    public long LastHeardMs;
    public long PositionTimeMs;
    public double Latitude;
    public double Longitude;
    public float SpeedKnots;
    public long PreviousTimeMs;
    public double PreviousLatitude;
    public double PreviousLongitude;
    public float PreviousSpeedKnots;

    /// <summary>Exponential average of speed while under way (> 1 kn), for unexplained time.</summary>
    public float UsualSpeedKnots;

    /// <summary>Consecutive positions rejected as implausible.</summary>
    public byte ImplausibleRun;

    /// <summary>Set while an identity conflict is open: the track keeps to the positions it had, the other transmitter's never move it.</summary>
    public bool IdentityConflict;

    // ---- dark period ----
    public long DarkTimerDueMs;
    public long DarkStartMs;
    public long DarkAlertStartMs;
    public double DarkStartLatitude;
    public double DarkStartLongitude;

    /// <summary>The position before <see cref="DarkStartLatitude"/>: the course on which the vessel went dark.</summary>
    public double DarkFromLatitude;
    public double DarkFromLongitude;

    /// <summary>Speed over ground last reported before the silence (NaN when unknown).</summary>
    public float DarkStartSpeedKnots;
    public Pipeline.SourceRef LastSource;

    // ---- transfer ----
    public long GridCell = long.MinValue;

    /// <summary>Where the port-proximity flags were last computed (they are reused while the vessel stays within a few hundred metres).</summary>
    public float ProximityLatitude = float.NaN;
    public float ProximityLongitude;
    public ProximityFlags Proximity;

    // ---- one side dark (loitering offshore, no partner heard) ----
    public long LoiterStartMs;
    public float LoiterStartLatitude;
    public float LoiterStartLongitude;
    public float LoiterSpeedSumKnots;
    public int LoiterReports;
    public LoiterState Loiter;

    // ---- port call ----
    public short PortIndex = -1;
    public bool PortCallEstablished;
    public bool Stopped;
    public long PortEnterMs;
    public long PortLastInsideMs;
    public float DraughtBefore;
    public long PortTimerDueMs;

    public bool IsOfInterest(long clockMs) =>
        (Interest & ~(InterestReasons.Counterpart | InterestReasons.DprkPortCall)) != 0 ||
        (CounterpartUntilMs != 0 && clockMs <= CounterpartUntilMs) ||
        (DprkCallUntilMs != 0 && clockMs <= DprkCallUntilMs);
}

/// <summary>Where a vessel is relative to ports and high-risk areas (for the transfer detector's port exclusion).</summary>
[Flags]
internal enum ProximityFlags : byte
{
    None = 0,
    NearPort = 1,
    HighRisk = 2,
}

/// <summary>Where a vessel is in a loitering run (slow, offshore, reports less than an hour apart).</summary>
internal enum LoiterState : byte
{
    None = 0,
    Alone = 1,
    PartnerHeard = 2,
    Alerted = 3,
}

/// <summary>Why a vessel is of interest.</summary>
[Flags]
internal enum InterestReasons : byte
{
    None = 0,
    Mid = 1,
    Mmsi = 2,
    Imo = 4,
    Counterpart = 8,
    DprkPortCall = 16,

    /// <summary>An identity the vessel had before was of interest (its IMO under another MMSI, or an IMO of interest it no longer sends).</summary>
    Identity = 32,
}

/// <summary>Identity and voyage data from static reports (types 5, 19, 24).</summary>
internal sealed class VesselIdentity
{
    public int? Imo;
    public string? Name;
    public string? Callsign;
    public int? ShipType;
    public float Draught;
    public string? Destination;

    /// <summary>Event time of the newest static report that carried a draught (0 = none).</summary>
    public long DraughtReportedMs;

    /// <summary>Hull length overall (A+B) and beam (C+D) in metres, 0 when not reported.</summary>
    public short LengthMeters;
    public short BeamMeters;

    /// <summary>The MMSI of interest this vessel's IMO was reported under before (null when none).</summary>
    public int? PreviousMmsi;

    /// <summary>The IMO this vessel of interest reported before it changed it (null when none).</summary>
    public int? PreviousImo;

    /// <summary>The identity before the last change of this MMSI's IMO, name or call sign (null when none), to recognise a flip back.</summary>
    public IdentitySnapshot? LastChangedFrom;

    public bool IsTanker => ShipType is >= 80 and <= 89;

    /// <summary>AIS cargo ships (70-79), bulk carriers among them.</summary>
    public bool IsCargoShip => ShipType is >= 70 and <= 79;
}
