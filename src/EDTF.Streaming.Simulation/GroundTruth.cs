using System.Globalization;

namespace EDTF.Streaming.Simulation;

/// <summary>The content of truth.json: what the simulator scripted, and which of it a detector must (or must not) report.</summary>
internal sealed class GroundTruth
{
    public string Scenario { get; init; } = "";

    public long Seed { get; init; }

    public string Start { get; init; } = "";

    public string End { get; init; } = "";

    public TruthRules Rules { get; init; } = new();

    public List<TruthVessel> Vessels { get; init; } = [];

    public List<TruthOutage> Outages { get; init; } = [];

    public List<TruthBehaviour> Behaviours { get; init; } = [];

    public SimulationStatistics Statistics { get; init; } = new();

    public static string FormatTime(long unixMs) =>
        DateTimeOffset.FromUnixTimeMilliseconds(unixMs).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}

/// <summary>One scripted behaviour in truth.json: <c>Expected</c> is true when the default detection (scope "interest") must alert, false for a decoy that must not; <c>ExpectedScopeAll</c> is the same judgement with the scope widened to every vessel.</summary>
internal sealed record TruthBehaviour(
    string Id,
    string Type,
    int Mmsi,
    int? CounterpartMmsi,
    string Start,
    string End,
    string? Port,
    bool Expected,
    bool ExpectedScopeAll,
    string? ExpectedConfidence,
    string Description,
    TruthCargo? Cargo = null)
{
    public const string DarkPeriod = "DarkPeriod";
    public const string ShipToShipTransfer = "ShipToShipTransfer";
    public const string PortCall = "PortCall";
    public const string ShipToShipTransferOneSideDark = "ShipToShipTransferOneSideDark";
    public const string IdentityChange = "IdentityChange";
    public const string IdentityConflict = "IdentityConflict";
}

/// <summary>
/// The cargo a scripted port call or transfer really moved: <c>Direction</c> null for a draught correction (no estimate expected);
/// <c>Tonnes</c> from the draught change and the vessel's true tonnes per centimetre (its own waterplane coefficient, not the detection's);
/// <c>Barrels</c> for oil at 7.5 barrels per tonne (refined products); <c>From</c>/<c>To</c> the giver and receiver of a transfer.
/// </summary>
internal sealed record TruthCargo(string? Direction, string Commodity, double? Tonnes, double? Barrels, int? From = null, int? To = null);

/// <summary>A scripted vessel in truth.json.</summary>
internal sealed record TruthVessel(int Mmsi, int? Imo, string Name, int ShipType, string Interest, string Role);

/// <summary>A regional reception outage in truth.json.</summary>
internal sealed record TruthOutage(string Id, double MinLat, double MaxLat, double MinLon, double MaxLon, string Start, string End, int VesselsSilenced);

/// <summary>Counts from one simulation run.</summary>
internal sealed class SimulationStatistics
{
    public int Vessels { get; set; }

    public long PositionReports { get; set; }

    public long StaticReports { get; set; }

    public long NmeaLines { get; set; }

    public long CsvRows { get; set; }

    public long Lost { get; set; }

    public long SilencedByBehaviour { get; set; }

    public long SilencedByOutage { get; set; }

    public long OutOfOrder { get; set; }

    public long Duplicates { get; set; }

    public long BadChecksum { get; set; }

    public long Garbled { get; set; }
}
