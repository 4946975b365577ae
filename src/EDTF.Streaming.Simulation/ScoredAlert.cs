using System.Globalization;
using System.Text.Json;

namespace EDTF.Streaming.Simulation;

/// <summary>The fields of an alert update (docs/alerts.md) that scoring needs, read from its JSON body.</summary>
internal sealed record ScoredAlert(string AlertId, string Type, string Status, int Mmsi, int? CounterpartMmsi, DateTimeOffset Start, string Confidence, string? Pattern = null,
    ScoredCargo? Cargo = null)
{
    /// <summary>Parses one JSON Lines record of the alert contract; throws <see cref="FormatException"/> naming what is missing.</summary>
    public static ScoredAlert Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        try
        {
            var counterpart = root.TryGetProperty("counterpart", out var cp) && cp.ValueKind == JsonValueKind.Object ? cp.GetProperty("mmsi").GetInt32() : (int?)null;
            return new ScoredAlert(
                root.GetProperty("alertId").GetString()!,
                root.GetProperty("type").GetString()!,
                root.GetProperty("status").GetString()!,
                root.GetProperty("vessel").GetProperty("mmsi").GetInt32(),
                counterpart,
                DateTimeOffset.Parse(root.GetProperty("start").GetString()!, CultureInfo.InvariantCulture),
                root.TryGetProperty("confidence", out var c) ? c.GetString() ?? "" : "",
                root.TryGetProperty("evidence", out var e) && e.ValueKind == JsonValueKind.Object && e.TryGetProperty("pattern", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null,
                e.ValueKind == JsonValueKind.Object && e.TryGetProperty("cargo", out var cargo) && cargo.ValueKind == JsonValueKind.Object ? ScoredCargo.Parse(cargo) : null);
        }
        catch (KeyNotFoundException ex)
        {
            throw new FormatException("not an alert update: " + ex.Message, ex);
        }
    }
}

/// <summary>The <c>evidence.cargo</c> of an alert (docs/alerts.md): what scoring compares with the truth's cargo.</summary>
internal sealed record ScoredCargo(string? Direction, string? Commodity, double? Tonnes, double? Low, double? High, double? Barrels, int? From, int? To)
{
    public static ScoredCargo Parse(JsonElement cargo) => new(
        Text(cargo, "direction"), Text(cargo, "commodity"), Number(cargo, "tonnes"), Number(cargo, "low"), Number(cargo, "high"), Number(cargo, "barrels"),
        Number(cargo, "from") is { } from ? (int)from : null, Number(cargo, "to") is { } to ? (int)to : null);

    private static string? Text(JsonElement o, string key) => o.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static double? Number(JsonElement o, string key) => o.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
}
