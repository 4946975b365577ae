using System.Text.Json.Nodes;

namespace EDTF.Streaming.Detection.Alerts;

/// <summary>A detector's finding, before the alert stage decides who sees it and fills in identities and watch-list hits.</summary>
internal sealed record Behaviour
{
    public required string AlertId { get; init; }

    public required string Type { get; init; }

    public required bool Closed { get; init; }

    public required int Mmsi { get; init; }

    public int? CounterpartMmsi { get; init; }

    public required long StartMs { get; init; }

    public long? EndMs { get; init; }

    public required double Latitude { get; init; }

    public required double Longitude { get; init; }

    public AlertPort? Port { get; init; }

    public required string Confidence { get; init; }

    public required JsonObject Evidence { get; init; }

    public required long DetectedAtMs { get; init; }

    public AlertSource? Source { get; init; }

    /// <summary>The "beyond the visible case" pattern (<c>darkDark</c>, <c>oneSideDark</c>, <c>possibleDarkPortCall</c>), also in the evidence; null for the visible case.</summary>
    public string? Pattern { get; init; }

    /// <summary>For a closed port call or transfer: what its cargo estimate needs (the alert waits for the draught after it).</summary>
    public Cargo.CargoContext? Cargo { get; init; }

    /// <summary>True when the behaviour is also worth an alert for a vessel not of interest (scope <c>all</c>).</summary>
    public bool QualifiesForAll { get; init; } = true;
}

/// <summary>Alert type names of the contract.</summary>
internal static class AlertTypes
{
    public const string DarkPeriod = "DarkPeriod";
    public const string ShipToShipTransfer = "ShipToShipTransfer";
    public const string PortCall = "PortCall";

    /// <summary>A tanker loitering offshore with no partner heard (the contract requires a counterpart for <see cref="ShipToShipTransfer"/>, so this has its own type).</summary>
    public const string ShipToShipTransferOneSideDark = "ShipToShipTransferOneSideDark";

    /// <summary>A vessel of interest reported a new identity: the same IMO under a new MMSI, or the same MMSI with a new IMO, name or call sign (instantaneous: closed at once).</summary>
    public const string IdentityChange = "IdentityChange";

    /// <summary>One MMSI of interest heard from two places at once, as two interleaved tracks (a cloned or spoofed MMSI).</summary>
    public const string IdentityConflict = "IdentityConflict";
}

/// <summary>Evidence <c>pattern</c> values of the detections beyond the visible case.</summary>
internal static class AlertPatterns
{
    public const string DarkDark = "darkDark";
    public const string OneSideDark = "oneSideDark";
    public const string PossibleDarkPortCall = "possibleDarkPortCall";
}

/// <summary>Confidence levels of the contract.</summary>
internal static class Confidence
{
    public const string Low = "low";
    public const string Medium = "medium";
    public const string High = "high";

    public static string FromScore(int score) => score >= 2 ? High : score == 1 ? Medium : Low;
}
