using System.Text.Json;
using System.Text.Json.Nodes;

namespace EDTF.Streaming.WebConsole.Alerts;

/// <summary>
/// An alert as a GeoJSON FeatureCollection: its position, the evidence positions (the gap of a dark period, the last
/// positions of dark-dark transfers and possible dark port calls, the two places of an identity conflict), the port area
/// of a port call and the evidence tracks. Each feature's <c>role</c> property says what it is. Pure.
/// </summary>
internal static class AlertGeoJson
{
    public static JsonObject Build(AlertView alert, AreaFile areas)
    {
        var body = alert.Body;
        var features = new JsonArray();
        var position = Position(body, "position");
        if (position is { } at)
        {
            features.Add(Feature(Point(at), Properties(alert, "position")));
        }

        var evidence = body.TryGetProperty("evidence", out var e) && e.ValueKind == JsonValueKind.Object ? e : default;
        if (Position(evidence, "endPosition") is { } end && position is { } start)
        {
            features.Add(Feature(Point(end), Role("endPosition")));
            features.Add(Feature(Line([start, end]), Role("gap")));
        }

        if (Position(evidence, "lastPosition") is { } last && Position(evidence, "firstPosition") is { } first)
        {
            features.Add(Feature(Point(last), Role("lastPosition")));
            features.Add(Feature(Point(first), Role("firstPosition")));
            features.Add(Feature(Line([last, first]), Role("gap")));
        }

        foreach (var (item, index) in Items(evidence, "gaps"))
        {
            if (Position(item, "lastPosition") is { } p)
            {
                features.Add(Feature(Point(p), Role("lastPosition", index)));
            }
        }

        foreach (var (item, index) in Items(evidence, "tracks"))
        {
            if (Position(item, "lastPosition") is { } p)
            {
                features.Add(Feature(Point(p), Role("conflictPosition", index)));
            }
        }

        if (body.TryGetProperty("port", out var port) && port.ValueKind == JsonValueKind.Object
            && port.TryGetProperty("name", out var name) && name.GetString() is { } portName
            && areas.Feature(portName) is JsonObject area)
        {
            area["properties"]!["role"] = "port";
            features.Add(area);
        }

        foreach (var (track, index) in Items(body, "tracks"))
        {
            var points = Items(track, "points").Select(p => Position(p.Item, null)).OfType<(double Lon, double Lat)>().ToList();
            if (points.Count > 0)
            {
                var properties = Role("track", index);
                properties["mmsi"] = track.TryGetProperty("mmsi", out var mmsi) && mmsi.ValueKind == JsonValueKind.Number ? mmsi.GetInt32() : null;
                properties["times"] = new JsonArray([.. Items(track, "points").Select(p => (JsonNode?)JsonValue.Create(Text(p.Item, "time")))]);
                features.Add(Feature(points.Count == 1 ? Point(points[0]) : Line(points), properties));
            }
        }

        return new JsonObject { ["type"] = "FeatureCollection", ["features"] = features };
    }

    private static JsonObject Properties(AlertView alert, string role)
    {
        var properties = Role(role);
        properties["alertId"] = alert.AlertId;
        properties["type"] = alert.Type;
        properties["status"] = alert.Status;
        properties["confidence"] = alert.Confidence;
        properties["start"] = Text(alert.Body, "start");
        properties["end"] = Text(alert.Body, "end");
        if (alert.Body.TryGetProperty("vessel", out var vessel) && vessel.ValueKind == JsonValueKind.Object)
        {
            properties["vessel"] = JsonNode.Parse(vessel.GetRawText());
        }

        return properties;
    }

    private static JsonObject Role(string role, int? index = null)
    {
        var properties = new JsonObject { ["role"] = role };
        if (index is { } i)
        {
            properties["index"] = i;
        }

        return properties;
    }

    private static JsonObject Feature(JsonObject geometry, JsonObject properties) =>
        new() { ["type"] = "Feature", ["geometry"] = geometry, ["properties"] = properties };

    private static JsonObject Point((double Lon, double Lat) p) =>
        new() { ["type"] = "Point", ["coordinates"] = new JsonArray(p.Lon, p.Lat) };

    private static JsonObject Line(IEnumerable<(double Lon, double Lat)> points) =>
        new() { ["type"] = "LineString", ["coordinates"] = new JsonArray([.. points.Select(p => (JsonNode)new JsonArray(p.Lon, p.Lat))]) };

    /// <summary>The <c>{lat, lon}</c> object at <paramref name="name"/> (or <paramref name="e"/> itself when null), or null.</summary>
    private static (double Lon, double Lat)? Position(JsonElement e, string? name)
    {
        var p = e;
        if (name is not null && (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out p)))
        {
            return null;
        }

        return p.ValueKind == JsonValueKind.Object
            && p.TryGetProperty("lat", out var lat) && lat.ValueKind == JsonValueKind.Number
            && p.TryGetProperty("lon", out var lon) && lon.ValueKind == JsonValueKind.Number
            ? (lon.GetDouble(), lat.GetDouble())
            : null;
    }

    private static IEnumerable<(JsonElement Item, int Index)> Items(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray().Select((item, i) => (item, i))
            : [];

    private static string? Text(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
