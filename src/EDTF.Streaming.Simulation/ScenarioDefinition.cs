namespace EDTF.Streaming.Simulation;

/// <summary>A scenario file (docs/simulator.md): the window, the background fleet, reception and noise, outages and scripted behaviours.</summary>
internal sealed class ScenarioDefinition
{
    public string Name { get; init; } = "scenario";

    /// <summary>Start of the simulated window (UTC).</summary>
    public DateTimeOffset Start { get; init; } = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    public double DurationHours { get; init; } = 24;

    public long Seed { get; init; } = 1;

    public BackgroundFleet Background { get; init; } = new();

    public ReportingRates Reporting { get; init; } = new();

    public ReceptionModel Reception { get; init; } = new();

    public NoiseModel Noise { get; init; } = new();

    public TruthRules Rules { get; init; } = new();

    /// <summary>Open-water boxes in which vessels route between random waypoints (kept clear of land by whoever writes the scenario).</summary>
    public List<SeaArea> SeaAreas { get; init; } = [];

    public List<OutageDefinition> Outages { get; init; } = [];

    public List<BehaviourDefinition> Behaviours { get; init; } = [];
}

/// <summary>Vessels that do nothing of interest: under way between sea waypoints, at anchor off ports, or fishing.</summary>
internal sealed class BackgroundFleet
{
    public int Vessels { get; init; } = 200;

    public double AnchoredFraction { get; init; } = 0.15;

    public double FishingFraction { get; init; } = 0.12;

    public double TankerFraction { get; init; } = 0.25;

    public double MinSpeedKnots { get; init; } = 9;

    public double MaxSpeedKnots { get; init; } = 16;

    /// <summary>Ports (names from the simulator's port catalogue) off which anchored vessels wait.</summary>
    public List<string> AnchoragePorts { get; init; } = ["Vostochny", "Nakhodka", "Vladivostok", "Busan"];
}

/// <summary>Reporting intervals: ITU-R M.1371 Class A rates, thinned under way to keep files small.</summary>
internal sealed class ReportingRates
{
    public int UnderwaySeconds { get; init; } = 60;

    public int AnchoredSeconds { get; init; } = 180;

    public int StaticSeconds { get; init; } = 360;

    public int JitterSeconds { get; init; } = 3;
}

/// <summary>What happens between the transmitter and the file: random loss, late arrival, reception by two receivers.</summary>
internal sealed class ReceptionModel
{
    public double LossRate { get; init; } = 0.03;

    public double OutOfOrderRate { get; init; } = 0.02;

    public int MaxLatenessSeconds { get; init; } = 180;

    public double DuplicateRate { get; init; } = 0.02;
}

/// <summary>Corrupt lines: a wrong checksum, or a truncated or invalid payload.</summary>
internal sealed class NoiseModel
{
    public double BadChecksumRate { get; init; } = 0.001;

    public double GarbledRate { get; init; } = 0.001;
}

/// <summary>The detection defaults (docs/detection.md) against which the simulator marks each behaviour expected or a decoy.</summary>
internal sealed class TruthRules
{
    public double DarkHoursOfInterest { get; init; } = 2;

    public double DarkHoursOther { get; init; } = 6;

    public double TransferOpenMinutes { get; init; } = 30;

    public string PortCallCountry { get; init; } = "RU";

    /// <summary>A port call in this country is alerted whatever the vessel (it makes the vessel of interest: the DPRK).</summary>
    public string InterestPortCountry { get; init; } = "KP";

    /// <summary>Dark-dark transfer: the two gaps must overlap by more than this.</summary>
    public double DarkDarkOverlapHours { get; init; } = 4;

    /// <summary>Dark-dark transfer: the last positions must be at most this far apart.</summary>
    public double DarkDarkDistanceNm { get; init; } = 5;

    /// <summary>Possible dark port call: unexplained time at least this.</summary>
    public double DarkPortCallUnexplainedHours { get; init; } = 3;

    /// <summary>One side dark: a lone tanker loitering at least this long.</summary>
    public double OneSideDarkHours { get; init; } = 2;

    /// <summary>A draught change smaller than this is a correction, not cargo (no estimate expected).</summary>
    public double CargoMinDraughtChangeMeters { get; init; } = 0.3;
}

/// <summary>An open-water box.</summary>
internal sealed class SeaArea
{
    public string Name { get; init; } = "";

    public double MinLat { get; init; }

    public double MaxLat { get; init; }

    public double MinLon { get; init; }

    public double MaxLon { get; init; }

    public double Weight { get; init; } = 1;

    public GeoBox Box => new(MinLat, MaxLat, MinLon, MaxLon);
}

/// <summary>A regional reception outage: nobody in the box is heard for the duration.</summary>
internal sealed class OutageDefinition
{
    public string Id { get; init; } = "";

    public double MinLat { get; init; }

    public double MaxLat { get; init; }

    public double MinLon { get; init; }

    public double MaxLon { get; init; }

    public double AtHours { get; init; }

    public double DurationHours { get; init; } = 3;

    public GeoBox Box => new(MinLat, MaxLat, MinLon, MaxLon);
}

/// <summary>One scripted behaviour; which parameters apply depends on <see cref="Kind"/> (docs/simulator.md).</summary>
internal sealed class BehaviourDefinition
{
    public string? Id { get; init; }

    /// <summary><c>dark</c>, <c>transfer</c>, <c>closePass</c>, <c>portCall</c>, <c>portPass</c>, <c>transit</c>, <c>darkTransfer</c>, <c>darkPortCall</c>, <c>loiter</c>,
    /// <c>reflag</c>, <c>clone</c>, <c>destinationChange</c> or <c>doubleReception</c>.</summary>
    public string Kind { get; init; } = "";

    /// <summary>Hours after the start when the behaviour begins (silence starts, vessels come together, berth reached, port passed).</summary>
    public double AtHours { get; init; }

    public double? Lat { get; init; }

    public double? Lon { get; init; }

    /// <summary><c>imo</c> (listed IMO, foreign flag), <c>mid</c> (DPRK MMSI, MID 445) or <c>none</c>.</summary>
    public string Interest { get; init; } = "none";

    public int? ShipType { get; init; }

    public double? SpeedKnots { get; init; }

    public double? GapHours { get; init; }

    public double? DurationHours { get; init; }

    public double? SeparationMeters { get; init; }

    public double? DriftKnots { get; init; }

    public List<CounterpartDefinition>? Counterparts { get; init; }

    /// <summary>Minutes after <see cref="AtHours"/> before the first static report (IMO) of the main vessel is heard.</summary>
    public double? StaticDelayMinutes { get; init; }

    public string? Port { get; init; }

    public double? DwellHours { get; init; }

    public double? DraughtBeforeMeters { get; init; }

    public double? DraughtAfterMeters { get; init; }

    /// <summary>For <c>portCall</c>: the same vessel's next call, after it leaves this port.</summary>
    public NextCallDefinition? ThenCall { get; init; }

    /// <summary>For <c>portCall</c>: a second vessel moored alongside for the whole stay.</summary>
    public CounterpartDefinition? Alongside { get; init; }

    public double? PassDistanceMeters { get; init; }

    /// <summary>For <c>darkTransfer</c>: distance between the two last positions before going dark.</summary>
    public double? ApartNm { get; init; }

    /// <summary>For <c>darkTransfer</c>: the counterpart goes dark this long after the main vessel.</summary>
    public double? CounterpartDelayHours { get; init; }

    /// <summary>For <c>darkTransfer</c>: the counterpart's gap (default: <see cref="GapHours"/>).</summary>
    public double? CounterpartGapHours { get; init; }

    /// <summary>For <c>darkPortCall</c>: how far outside the port box (along the approach) the vessel goes dark and reappears.</summary>
    public double? NearKm { get; init; }

    /// <summary>For <c>darkPortCall</c>: the decoy variant, the vessel goes dark near the port, does not call, and reappears far away after <see cref="GapHours"/>.</summary>
    public bool? ReappearFarAway { get; init; }

    public string? Description { get; init; }
}

/// <summary>The other side of a transfer, pass or mooring.</summary>
internal sealed class CounterpartDefinition
{
    public string Interest { get; init; } = "none";

    public int? ShipType { get; init; }

    /// <summary>For <c>transfer</c>: the counterpart's draught before; when the main vessel's draught changes, the counterpart's changes by the same cargo the other way.</summary>
    public double? DraughtBeforeMeters { get; init; }
}

/// <summary>A vessel's next port call after a <c>portCall</c>: it sails there from the first port at sea speed.</summary>
internal sealed class NextCallDefinition
{
    public string Port { get; init; } = "";

    /// <summary>Hours after the scenario start when the vessel reaches the berth (at least the time the passage takes).</summary>
    public double AtHours { get; init; }

    public double DwellHours { get; init; } = 6;

    public double DraughtAfterMeters { get; init; }
}

/// <summary>A latitude/longitude box.</summary>
internal readonly record struct GeoBox(double MinLat, double MaxLat, double MinLon, double MaxLon)
{
    public bool Contains(GeoPoint p) => p.Lat >= MinLat && p.Lat <= MaxLat && p.Lon >= MinLon && p.Lon <= MaxLon;

    public GeoPoint Center => new((MinLat + MaxLat) / 2, (MinLon + MaxLon) / 2);

    public GeoPoint RandomPoint(SimRandom random) => new(random.Between(MinLat, MaxLat), random.Between(MinLon, MaxLon));
}
