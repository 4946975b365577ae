using System.Globalization;
using System.Text.Json;

namespace EDTF.Streaming.Simulation;

/// <summary>The fields of an alert update (docs/alerts.md) that scoring needs, read from its JSON body.</summary>
internal sealed record ScoredAlert(string AlertId, string Type, string Status, int Mmsi, int? CounterpartMmsi, DateTimeOffset Start, string Confidence, string? Pattern = null)
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
                root.TryGetProperty("evidence", out var e) && e.ValueKind == JsonValueKind.Object && e.TryGetProperty("pattern", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null);
        }
        catch (KeyNotFoundException ex)
        {
            throw new FormatException("not an alert update: " + ex.Message, ex);
        }
    }
}
