using System.Text.Json.Nodes;

namespace EDTF.Streaming.Detection;

/// <summary>One update of an alert, exactly the body of the alert contract (docs/alerts.md, docs/alert.schema.json).</summary>
public sealed record AlertUpdate
{
    /// <summary>Stable id derived from the type, the vessel(s) and the event-time start.</summary>
    public required string AlertId { get; init; }

    /// <summary><c>DarkPeriod</c>, <c>ShipToShipTransfer</c> or <c>PortCall</c>.</summary>
    public required string Type { get; init; }

    /// <summary><c>open</c> or <c>closed</c>.</summary>
    public required string Status { get; init; }

    /// <summary>The subject vessel.</summary>
    public required AlertVessel Vessel { get; init; }

    /// <summary>The other vessel of a transfer, else null.</summary>
    public AlertVessel? Counterpart { get; init; }

    /// <summary>Every watch-list entry that made a vessel of interest.</summary>
    public required IReadOnlyList<WatchlistHit> Watchlist { get; init; }

    /// <summary>Event time at which the behaviour began.</summary>
    public required DateTimeOffset Start { get; init; }

    /// <summary>Event time at which it ended, null while open.</summary>
    public DateTimeOffset? End { get; init; }

    /// <summary>Where it happened.</summary>
    public required AlertPosition Position { get; init; }

    /// <summary>The port of a port call, else null.</summary>
    public AlertPort? Port { get; init; }

    /// <summary><c>low</c>, <c>medium</c> or <c>high</c>.</summary>
    public required string Confidence { get; init; }

    /// <summary>Type-specific figures (units in the names).</summary>
    public required JsonObject Evidence { get; init; }

    /// <summary>Event-time clock when this update was emitted.</summary>
    public required DateTimeOffset DetectedAt { get; init; }

    /// <summary>The input record that triggered this update.</summary>
    public AlertSource? Source { get; init; }

    /// <summary>The simplified tracks behind the alert (optional, added in contract version 2; omitted when there are none).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<AlertTrack>? Tracks { get; init; }
}

/// <summary>A vessel as identified in an alert.</summary>
public sealed record AlertVessel(int Mmsi, int? Imo, string? Name, string? Callsign, int? ShipType, string? Flag);

/// <summary>A watch-list entry that made a vessel of interest.</summary>
public sealed record WatchlistHit(int Mmsi, string List, string MatchedOn, string? Entry);

/// <summary>A WGS84 position in degrees.</summary>
public sealed record AlertPosition(double Lat, double Lon);

/// <summary>A port area of a port call.</summary>
public sealed record AlertPort(string Name, string Country, string? Locode);
