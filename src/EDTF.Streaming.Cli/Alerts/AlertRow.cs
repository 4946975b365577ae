using System.Globalization;
using System.Text.Json;

namespace EDTF.Streaming.Cli.Alerts;

/// <summary>The fields of one alert update that the <c>alerts</c> table shows, read from the contract JSON body.</summary>
internal sealed record AlertRow(
    string AlertId,
    string Type,
    string Status,
    DateTimeOffset Start,
    DateTimeOffset? End,
    DateTimeOffset? DetectedAt,
    string Vessel,
    int Mmsi,
    int? Imo,
    string Other)
{
    /// <summary>Reads an alert body; false with a reason when a required contract field is missing or of the wrong type.</summary>
    public static bool TryParse(JsonElement body, out AlertRow? row, out string? error)
    {
        row = null;
        error = null;
        try
        {
            if (body.ValueKind != JsonValueKind.Object)
            {
                error = "not a JSON object";
                return false;
            }

            var vessel = body.GetProperty("vessel");
            row = new AlertRow(
                body.GetProperty("alertId").GetString() ?? throw new FormatException("alertId is null"),
                body.GetProperty("type").GetString() ?? throw new FormatException("type is null"),
                body.GetProperty("status").GetString() ?? throw new FormatException("status is null"),
                Time(body.GetProperty("start")) ?? throw new FormatException("start is null"),
                body.TryGetProperty("end", out var end) ? Time(end) : null,
                body.TryGetProperty("detectedAt", out var detected) ? Time(detected) : null,
                Text(vessel, "name") ?? "-",
                vessel.GetProperty("mmsi").GetInt32(),
                Int(vessel, "imo"),
                OtherOf(body));
            return true;
        }
        catch (Exception ex) when (ex is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            error = ex.Message;
            return false;
        }
    }

    /// <summary>How long the behaviour lasted: to its end, or (still open) to the watermark when it was reported.</summary>
    public TimeSpan? Duration => (End ?? DetectedAt) is { } until && until >= Start ? until - Start : null;

    /// <summary>The counterpart of a transfer (<c>name / MMSI</c>) or the port of a port call (<c>name, country</c>), else <c>-</c>; prefixed with the <c>evidence.pattern</c> of the detections beyond the visible case (e.g. <c>[darkDark]</c>).</summary>
    private static string OtherOf(JsonElement body)
    {
        var other = CounterpartOrPort(body);
        return body.TryGetProperty("evidence", out var evidence) && evidence.ValueKind == JsonValueKind.Object && Text(evidence, "pattern") is { } pattern
            ? $"[{pattern}] {other}"
            : other;
    }

    private static string CounterpartOrPort(JsonElement body)
    {
        if (body.TryGetProperty("counterpart", out var counterpart) && counterpart.ValueKind == JsonValueKind.Object)
        {
            var mmsi = counterpart.TryGetProperty("mmsi", out var m) && m.ValueKind == JsonValueKind.Number ? m.GetInt32().ToString(CultureInfo.InvariantCulture) : "?";
            return Text(counterpart, "name") is { } name ? $"{name} / {mmsi}" : mmsi;
        }

        if (body.TryGetProperty("port", out var port) && port.ValueKind == JsonValueKind.Object)
        {
            var name = Text(port, "name") ?? "?";
            return Text(port, "country") is { } country ? $"{name}, {country}" : name;
        }

        return "-";
    }

    private static string? Text(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    private static int? Int(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) ? n : null;

    private static DateTimeOffset? Time(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.String when value.TryGetDateTimeOffset(out var t) => t.ToUniversalTime(),
        _ => throw new FormatException($"'{value}' is not an RFC 3339 time"),
    };
}
