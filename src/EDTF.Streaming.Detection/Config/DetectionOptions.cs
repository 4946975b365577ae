namespace EDTF.Streaming.Detection;

/// <summary>Detection settings (configuration section <c>Detection</c>); every default and its source is in docs/detection.md.</summary>
public sealed class DetectionOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Detection";

    /// <summary>Dark period (AIS gap) settings.</summary>
    public DarkPeriodOptions Dark { get; set; } = new();

    /// <summary>Ship-to-ship transfer settings.</summary>
    public TransferOptions Transfer { get; set; } = new();

    /// <summary>Port call settings.</summary>
    public PortCallOptions PortCall { get; set; } = new();

    /// <summary>Cargo estimates from draught changes and reported hull dimensions.</summary>
    public CargoOptions Cargo { get; set; } = new();

    /// <summary>The ledger of cargo delivered to and coal exported from the DPRK against the UN caps.</summary>
    public LedgerOptions Ledger { get; set; } = new();

    /// <summary>How far the event time of input is believed (reports far ahead or far behind their partition's clock).</summary>
    public EventTimeOptions EventTime { get; set; } = new();

    /// <summary>Bounds on what input can make the pipeline hold (vessels tracked, vessels of interest by MID, alert storms).</summary>
    public CapacityOptions Capacity { get; set; } = new();

    /// <summary><c>interest</c> (alerts only when a vessel of interest is involved) or <c>all</c> (every vessel).</summary>
    public string Scope { get; set; } = DetectionDefaults.Scope;

    /// <summary>How late (event time) a report may arrive and still be put in order; also how far the watermark trails the newest event time.</summary>
    public int AllowedLatenessMinutes { get; set; } = DetectionDefaults.AllowedLatenessMinutes;

    /// <summary>Watch list file (contract CSV or OFAC sdn.csv); null = config/watchlist.csv.</summary>
    public string? WatchlistPath { get; set; }

    /// <summary>Port areas GeoJSON; null = config/ports.geojson.</summary>
    public string? PortsPath { get; set; }

    /// <summary>Whether a vessel that did a transfer with a vessel of interest becomes of interest (the 180-day rule).</summary>
    public bool CounterpartRule { get; set; }

    /// <summary>How long the counterpart rule lasts after the transfer, in days.</summary>
    public int CounterpartRuleDays { get; set; } = DetectionDefaults.CounterpartRuleDays;

    /// <summary>A vessel not of interest and in no open behaviour is forgotten after this many hours without a report (event time); 0 keeps every vessel for the life of the process.</summary>
    public double VesselIdleHours { get; set; } = DetectionDefaults.VesselIdleHours;

    /// <summary>A position implying more than this speed from the previous one is not trusted.</summary>
    public double MaxPlausibleSpeedKnots { get; set; } = DetectionDefaults.MaxPlausibleSpeedKnots;

    /// <summary>True when the scope is <c>all</c>.</summary>
    public bool ScopeAll => string.Equals(Scope, "all", StringComparison.OrdinalIgnoreCase);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (!ScopeAll && !string.Equals(Scope, "interest", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"Detection:Scope must be 'interest' or 'all', not '{Scope}'.");
        }

        Require(AllowedLatenessMinutes >= 0, "AllowedLatenessMinutes must be >= 0");
        Require(MaxPlausibleSpeedKnots > 0, "MaxPlausibleSpeedKnots must be > 0");
        Require(VesselIdleHours == 0 || VesselIdleHours >= 24, "VesselIdleHours must be 0 (never forget) or >= 24");
        Require(Dark.InterestSilenceHours > 0 && Dark.OtherSilenceHours > 0, "Dark silence hours must be > 0");
        Require(Dark.MaxAreaUnheardShare is >= 0 and <= 1, "Dark:MaxAreaUnheardShare must be within 0-1");
        Require(Dark.LeftCoverageAheadNm is > 0 and <= 600, "Dark:LeftCoverageAheadNm must be within (0, 600]");
        Require(Transfer.MaxDistanceMeters > 0 && Transfer.MaxSpeedKnots > 0, "Transfer distance and speed must be > 0");
        Require(Transfer.ConfidentAfterMinutes >= Transfer.OpenAfterMinutes, "Transfer.ConfidentAfterMinutes must be >= OpenAfterMinutes");
        Require(PortCall.StopEndsAboveKnots >= PortCall.StopBeginsBelowKnots, "PortCall stop hysteresis: end speed must be >= begin speed");
        Require(Transfer.DarkDarkMinOverlapHours > 0, "Transfer.DarkDarkMinOverlapHours must be > 0");
        Require(Transfer.DarkDarkMaxDistanceNm is > 0 and <= 60, "Transfer.DarkDarkMaxDistanceNm must be within (0, 60]");
        Require(Transfer.OneSideDarkMinHours > 0, "Transfer.OneSideDarkMinHours must be > 0");
        Require(PortCall.WorldPortRadiusKm is > 0 and <= 15, "PortCall.WorldPortRadiusKm must be within (0, 15]");
        Require(PortCall.PossibleDarkCallNearKm is > 0 and <= 15, "PortCall.PossibleDarkCallNearKm must be within (0, 15]");
        Require(EventTime.MaxAheadMinutes > 0, "EventTime.MaxAheadMinutes must be > 0");
        Require(EventTime.MaxBehindHours > 0, "EventTime.MaxBehindHours must be > 0");
        Require(EventTime.CorroboratingReports >= 1, "EventTime.CorroboratingReports must be >= 1");
        Require(EventTime.MaxHeldReportsPerPartition >= 1, "EventTime.MaxHeldReportsPerPartition must be >= 1");
        Require(Capacity.MaxTrackedVessels >= 1, "Capacity.MaxTrackedVessels must be >= 1");
        Require(Capacity.MaxMidOnlyVesselsOfInterest >= 0, "Capacity.MaxMidOnlyVesselsOfInterest must be >= 0");
        Require(Capacity.MaxOpeningsPerWatermarkStep >= 1, "Capacity.MaxOpeningsPerWatermarkStep must be >= 1");
        Require(PortCall.InterestDays >= 0, "PortCall.InterestDays must be >= 0");
        Require(Cargo.WaitHours >= 0, "Cargo.WaitHours must be >= 0");
        Require(Ledger.RefinedCapBarrels > 0 && Ledger.CrudeCapBarrels > 0, "Ledger caps must be > 0");
        Require(Cargo.MinDraughtChangeMeters >= 0 && Cargo.DraughtResolutionMeters >= 0, "Cargo draught threshold and resolution must be >= 0");
        Require(Cargo.WaterplaneCoefficientMargin is >= 0 and < 0.5, "Cargo.WaterplaneCoefficientMargin must be within [0, 0.5)");
        Require(Cargo.SeaWaterDensity > 0 && Cargo.BarrelsPerTonneRefined > 0 && Cargo.BarrelsPerTonneCrude > 0, "Cargo density and barrels per tonne must be > 0");
        Require(Cargo.OilProduct is "refined" or "crude", "Cargo.OilProduct must be 'refined' or 'crude'");
        Require(PortCall.PossibleDarkCallMinUnexplainedHours >= 0, "PortCall.PossibleDarkCallMinUnexplainedHours must be >= 0");
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException("Detection: " + message);
        }
    }
}

/// <summary>Dark period settings.</summary>
public sealed class DarkPeriodOptions
{
    /// <summary>Silence (event time) that opens a gap for a vessel of interest.</summary>
    public double InterestSilenceHours { get; set; } = DetectionDefaults.DarkInterestSilenceHours;

    /// <summary>Silence that opens a gap for other vessels when the scope is <c>all</c>.</summary>
    public double OtherSilenceHours { get; set; } = DetectionDefaults.DarkOtherSilenceHours;

    /// <summary>Coverage: positions per day heard in the gap's 1-degree cell above which the area counts as covered.</summary>
    public double CoveredPositionsPerDay { get; set; } = DetectionDefaults.DarkCoveredPositionsPerDay;

    /// <summary>Usual speed assumed when the vessel's own is unknown, for unexplained time.</summary>
    public double DefaultUsualSpeedKnots { get; set; } = DetectionDefaults.DarkDefaultUsualSpeedKnots;

    /// <summary>Reception: share of the gap's hours with the vessel's area unheard above which the gap is <c>low</c> (0-1).</summary>
    public double MaxAreaUnheardShare { get; set; } = DetectionDefaults.DarkMaxAreaUnheardShare;

    /// <summary>Reception: how far ahead of the last position, along the last course, the vessel is looked for when judging whether it left its station's footprint.</summary>
    public double LeftCoverageAheadNm { get; set; } = DetectionDefaults.DarkLeftCoverageAheadNm;
}

/// <summary>Ship-to-ship transfer settings.</summary>
public sealed class TransferOptions
{
    /// <summary>Two vessels closer than this are together.</summary>
    public double MaxDistanceMeters { get; set; } = DetectionDefaults.TransferMaxDistanceMeters;

    /// <summary>Both must be slower than this.</summary>
    public double MaxSpeedKnots { get; set; } = DetectionDefaults.TransferMaxSpeedKnots;

    /// <summary>Together this long: open (suspected).</summary>
    public double OpenAfterMinutes { get; set; } = DetectionDefaults.TransferOpenAfterMinutes;

    /// <summary>Together this long: confident.</summary>
    public double ConfidentAfterMinutes { get; set; } = DetectionDefaults.TransferConfidentAfterMinutes;

    /// <summary>Apart less than this and together again: one event.</summary>
    public double MergeGapHours { get; set; } = DetectionDefaults.TransferMergeGapHours;

    /// <summary>Positions are never interpolated across a silence this long.</summary>
    public double MaxInterpolationGapMinutes { get; set; } = DetectionDefaults.TransferMaxInterpolationGapMinutes;

    /// <summary>Pairs this close to a port are dropped (kept with lower confidence inside high-risk areas).</summary>
    public double PortExclusionKm { get; set; } = DetectionDefaults.TransferPortExclusionKm;

    /// <summary>Dark-dark transfers (RadianceFleet): two vessels whose dark periods overlap long enough and whose last positions were close.</summary>
    public bool DarkDarkEnabled { get; set; } = true;

    /// <summary>Dark-dark: the two dark periods must overlap by more than this.</summary>
    public double DarkDarkMinOverlapHours { get; set; } = DetectionDefaults.TransferDarkDarkMinOverlapHours;

    /// <summary>Dark-dark: the last positions before going dark must be at most this far apart.</summary>
    public double DarkDarkMaxDistanceNm { get; set; } = DetectionDefaults.TransferDarkDarkMaxDistanceNm;

    /// <summary>One side dark: a tanker loitering offshore (slower than <see cref="MaxSpeedKnots"/>, beyond <see cref="PortExclusionKm"/>) with no partner heard.</summary>
    public bool OneSideDarkEnabled { get; set; } = true;

    /// <summary>One side dark: loitering this long opens the alert.</summary>
    public double OneSideDarkMinHours { get; set; } = DetectionDefaults.TransferOneSideDarkMinHours;
}

/// <summary>Port call settings.</summary>
public sealed class PortCallOptions
{
    /// <summary>Countries (ISO alpha-2) whose ports raise port-call alerts.</summary>
    public string[] Countries { get; set; } = ["RU", "KP"];

    /// <summary>Countries (ISO alpha-2) where a port call makes the vessel of interest, whatever its flag (the DPRK).</summary>
    public string[] InterestCountries { get; set; } = ["KP"];

    /// <summary>How long a call at a port of <see cref="InterestCountries"/> keeps the vessel of interest, in days.</summary>
    public int InterestDays { get; set; } = DetectionDefaults.PortInterestDays;

    /// <summary>Whether the world port set (<see cref="WorldPortsPath"/>) joins the analysts' port areas: for port calls (alerted only at <see cref="Countries"/>) and for every port exclusion.</summary>
    public bool UseWorldPorts { get; set; } = true;

    /// <summary>World port set, CSV <c>locode,country,lat,lon,name</c>; null = config/ports-world.csv.</summary>
    public string? WorldPortsPath { get; set; }

    /// <summary>A world port (a point, often the town's centre) is the circle of this radius around it.</summary>
    public double WorldPortRadiusKm { get; set; } = DetectionDefaults.PortWorldPortRadiusKm;

    /// <summary>A vessel has left the port once it is this far outside the polygon (hysteresis).</summary>
    public double LeaveMarginKm { get; set; } = DetectionDefaults.PortLeaveMarginKm;

    /// <summary>Speed below which a stop begins.</summary>
    public double StopBeginsBelowKnots { get; set; } = DetectionDefaults.PortStopBeginsBelowKnots;

    /// <summary>Speed above which a stop ends.</summary>
    public double StopEndsAboveKnots { get; set; } = DetectionDefaults.PortStopEndsAboveKnots;

    /// <summary>A silence this long inside the port counts as a stop.</summary>
    public double SilenceMinutes { get; set; } = DetectionDefaults.PortSilenceMinutes;

    /// <summary>Possible dark port calls: a dark period that starts and ends near the same port, or whose straight line passes one.</summary>
    public bool PossibleDarkCallEnabled { get; set; } = true;

    /// <summary>Possible dark call: "near a port" means within this distance of the port area (at most 15 km).</summary>
    public double PossibleDarkCallNearKm { get; set; } = DetectionDefaults.PortPossibleDarkCallNearKm;

    /// <summary>Possible dark call: the gap's unexplained time (gap minus distance at the usual speed) must be at least this.</summary>
    public double PossibleDarkCallMinUnexplainedHours { get; set; } = DetectionDefaults.PortPossibleDarkCallMinUnexplainedHours;
}

/// <summary>Cargo estimates (section <c>Detection:Cargo</c>; rule in docs/detection.md).</summary>
public sealed class CargoOptions
{
    /// <summary>How long after a port call or transfer to wait for the first static report (its draught) before closing the estimate.</summary>
    public double WaitHours { get; set; } = DetectionDefaults.CargoWaitHours;

    /// <summary>Draught changes smaller than this are corrections, not cargo.</summary>
    public double MinDraughtChangeMeters { get; set; } = DetectionDefaults.CargoMinDraughtChangeMeters;

    /// <summary>Resolution of the reported draught (AIS: 0.1 m), widening the low-high range.</summary>
    public double DraughtResolutionMeters { get; set; } = DetectionDefaults.CargoDraughtResolutionMeters;

    /// <summary>Uncertainty of the waterplane coefficient by ship type, widening the low-high range.</summary>
    public double WaterplaneCoefficientMargin { get; set; } = DetectionDefaults.CargoWaterplaneCoefficientMargin;

    /// <summary>Sea-water density in tonnes per cubic metre.</summary>
    public double SeaWaterDensity { get; set; } = DetectionDefaults.CargoSeaWaterDensity;

    /// <summary>Barrels per tonne of refined products.</summary>
    public double BarrelsPerTonneRefined { get; set; } = DetectionDefaults.CargoBarrelsPerTonneRefined;

    /// <summary>Barrels per tonne of crude oil.</summary>
    public double BarrelsPerTonneCrude { get; set; } = DetectionDefaults.CargoBarrelsPerTonneCrude;

    /// <summary>Which conversion oil cargoes get: <c>refined</c> (what the DPRK mostly imports by sea) or <c>crude</c>.</summary>
    public string OilProduct { get; set; } = DetectionDefaults.CargoOilProduct;

    /// <summary>Barrels per tonne for <see cref="OilProduct"/>.</summary>
    public double BarrelsPerTonne => OilProduct == "crude" ? BarrelsPerTonneCrude : BarrelsPerTonneRefined;
}

/// <summary>The ledger's caps (section <c>Detection:Ledger</c>; docs/ledger.md): the UN Security Council's yearly limits on DPRK imports.</summary>
public sealed class LedgerOptions
{
    /// <summary>Refined petroleum products the DPRK may import per year, in barrels (resolution 2397 (2017): 500,000).</summary>
    public double RefinedCapBarrels { get; set; } = DetectionDefaults.LedgerRefinedCapBarrels;

    /// <summary>Crude oil the DPRK may import per year, in barrels (resolution 2397 (2017): 4,000,000).</summary>
    public double CrudeCapBarrels { get; set; } = DetectionDefaults.LedgerCrudeCapBarrels;
}

/// <summary>How far event time read from input is believed (section <c>Detection:EventTime</c>; rule in docs/detection.md).</summary>
public sealed class EventTimeOptions
{
    /// <summary>A report further than this ahead of its partition's clock is held until corroborated.</summary>
    public double MaxAheadMinutes { get; set; } = DetectionDefaults.EventTimeMaxAheadMinutes;

    /// <summary>A report further than this behind its partition's clock is rejected (too old to act on).</summary>
    public double MaxBehindHours { get; set; } = DetectionDefaults.EventTimeMaxBehindHours;

    /// <summary>Later reports of the same partition that must not contradict a far-ahead report (none earlier than it by more than <see cref="MaxAheadMinutes"/>) before it is believed.</summary>
    public int CorroboratingReports { get; set; } = DetectionDefaults.EventTimeCorroboratingReports;

    /// <summary>Far-ahead reports held per partition at most (the furthest ahead is dropped first).</summary>
    public int MaxHeldReportsPerPartition { get; set; } = DetectionDefaults.EventTimeMaxHeldReportsPerPartition;
}

/// <summary>Bounds on state and output that input alone could otherwise grow without limit (section <c>Detection:Capacity</c>).</summary>
public sealed class CapacityOptions
{
    /// <summary>Vessels with state at most; beyond it a new vessel not of interest is not tracked (counted, logged).</summary>
    public int MaxTrackedVessels { get; set; } = DetectionDefaults.CapacityMaxTrackedVessels;

    /// <summary>Vessels of interest by their MID alone (DPRK MMSIs, not on the watch list) at most; beyond it a new one is tracked as an ordinary vessel.</summary>
    public int MaxMidOnlyVesselsOfInterest { get; set; } = DetectionDefaults.CapacityMaxMidOnlyVesselsOfInterest;

    /// <summary>Alert openings published by one watermark step at most; beyond it openings are put off to the next steps, in order (counted, logged).</summary>
    public int MaxOpeningsPerWatermarkStep { get; set; } = DetectionDefaults.CapacityMaxOpeningsPerWatermarkStep;
}

/// <summary>The defaults of docs/detection.md in one place.</summary>
public static class DetectionDefaults
{
    public const string Scope = "interest";
    public const int AllowedLatenessMinutes = 60;
    public const int CounterpartRuleDays = 180;
    public const double MaxPlausibleSpeedKnots = 50;
    public const double VesselIdleHours = 168;
    public const double DarkInterestSilenceHours = 2;
    public const double DarkOtherSilenceHours = 6;
    public const double DarkCoveredPositionsPerDay = 10;
    public const double DarkDefaultUsualSpeedKnots = 10;
    public const double DarkMaxAreaUnheardShare = 0.5;
    public const double DarkLeftCoverageAheadNm = 40;
    public const double TransferMaxDistanceMeters = 500;
    public const double TransferMaxSpeedKnots = 2;
    public const double TransferOpenAfterMinutes = 30;
    public const double TransferConfidentAfterMinutes = 120;
    public const double TransferMergeGapHours = 4;
    public const double TransferMaxInterpolationGapMinutes = 60;
    public const double TransferPortExclusionKm = 10;
    public const double PortLeaveMarginKm = 1;
    public const double PortWorldPortRadiusKm = 5;
    public const double PortStopBeginsBelowKnots = 0.2;
    public const double PortStopEndsAboveKnots = 0.5;
    public const double PortSilenceMinutes = 60;
    public const double TransferDarkDarkMinOverlapHours = 4;
    public const double TransferDarkDarkMaxDistanceNm = 5;
    public const double TransferOneSideDarkMinHours = 2;
    public const double PortPossibleDarkCallNearKm = 5;
    public const double PortPossibleDarkCallMinUnexplainedHours = 3;
    public const double EventTimeMaxAheadMinutes = 60;
    public const double EventTimeMaxBehindHours = 168;
    public const int EventTimeCorroboratingReports = 2;
    public const int EventTimeMaxHeldReportsPerPartition = 10_000;
    public const int CapacityMaxTrackedVessels = 1_000_000;
    public const int CapacityMaxMidOnlyVesselsOfInterest = 2_000;
    public const int CapacityMaxOpeningsPerWatermarkStep = 200;
    public const int PortInterestDays = 180;
    public const double CargoWaitHours = 0;
    public const double CargoMinDraughtChangeMeters = 0.3;
    public const double CargoDraughtResolutionMeters = 0.1;
    public const double CargoWaterplaneCoefficientMargin = 0.05;
    public const double CargoSeaWaterDensity = 1.025;
    public const double CargoBarrelsPerTonneRefined = 7.5;
    public const double CargoBarrelsPerTonneCrude = 7.33;
    public const string CargoOilProduct = "refined";

    /// <summary>UN cap on refined products imported by the DPRK per year, barrels (resolution 2397 (2017)).</summary>
    public const double LedgerRefinedCapBarrels = 500_000;

    /// <summary>UN cap on crude oil imported by the DPRK per year, barrels (resolution 2397 (2017)).</summary>
    public const double LedgerCrudeCapBarrels = 4_000_000;
}
