using System.Globalization;
using System.Text.Json;

namespace EDTF.Streaming.WebConsole.Alerts;

/// <summary>
/// One alert update as read from the alert topic: the fields the console filters and sorts on, and the body as it was
/// (unknown fields kept, so the API gives back exactly what the topic holds). Immutable; shared between threads.
/// </summary>
internal sealed record AlertView(
    string AlertId,
    string Type,
    string Status,
    string Confidence,
    DateTimeOffset Start,
    DateTimeOffset? End,
    DateTimeOffset DetectedAt,
    IReadOnlyList<string> Programmes,
    JsonElement Body)
{
    /// <summary>Reads an alert body (UTF-8 JSON); false with a reason when a field the console needs is missing or of the wrong type.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out AlertView? view, out string? error)
    {
        view = null;
        error = null;
        try
        {
            var reader = new Utf8JsonReader(utf8);
            using var document = JsonDocument.ParseValue(ref reader);
            var body = document.RootElement;
            if (body.ValueKind != JsonValueKind.Object)
            {
                error = "not a JSON object";
                return false;
            }

            var start = Time(body, "start") ?? throw new FormatException("start is missing");
            view = new AlertView(
                Text(body, "alertId") ?? throw new FormatException("alertId is missing"),
                Text(body, "type") ?? throw new FormatException("type is missing"),
                Text(body, "status") ?? throw new FormatException("status is missing"),
                Text(body, "confidence") ?? "",
                start,
                Time(body, "end"),
                Time(body, "detectedAt") ?? start,
                ProgrammesOf(body),
                body.Clone());
            return true;
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            error = ex.Message;
            return false;
        }
    }

    /// <summary>When the behaviour stopped, or (still open) the event time of this update.</summary>
    public DateTimeOffset Until => End ?? DetectedAt;

    private static List<string> ProgrammesOf(JsonElement body) =>
        body.TryGetProperty("watchlist", out var list) && list.ValueKind == JsonValueKind.Array
            ? [.. list.EnumerateArray().Select(e => Text(e, "list")).OfType<string>().Distinct(StringComparer.Ordinal)]
            : [];

    private static string? Text(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static DateTimeOffset? Time(JsonElement e, string name) =>
        Text(e, name) is { } s
            ? DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal)
            : null;
}
