using System.Text.Json;
using NetTopologySuite.Geometries;

namespace EDTF.Streaming.Detection;

/// <summary>Reads the areas of a GeoJSON FeatureCollection (Polygon and MultiPolygon features, RFC 7946 lon/lat) into geometries.</summary>
internal static class GeoJsonAreas
{
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    /// <summary>The areas of the GeoJSON file at <paramref name="path"/>, in file order.</summary>
    /// <exception cref="FormatException">The file is not such a collection.</exception>
    public static List<(PortArea Area, Geometry Geometry)> ReadFile(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var doc = JsonDocument.Parse(stream, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            return Read(doc.RootElement, path);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"{path}: not GeoJSON: {ex.Message}", ex);
        }
    }

    /// <summary>The areas of <paramref name="root"/>, in file order; <paramref name="file"/> names the file in errors.</summary>
    /// <exception cref="FormatException">The document is not a FeatureCollection of such features.</exception>
    public static List<(PortArea Area, Geometry Geometry)> Read(JsonElement root, string file)
    {
        if (root.ValueKind != JsonValueKind.Object || Text(root, "type") != "FeatureCollection" ||
            !root.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"{file}: not a GeoJSON FeatureCollection (expected {{\"type\": \"FeatureCollection\", \"features\": [...]}}).");
        }

        var list = new List<(PortArea, Geometry)>();
        var number = 0;
        foreach (var f in features.EnumerateArray())
        {
            number++;
            var props = f.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
            var name = Text(props, "name") ?? throw new FormatException($"{file}: feature {number} has no 'name'.");
            var country = Text(props, "country") ?? throw new FormatException($"{file}: feature '{name}' has no 'country'.");
            var geometry = f.TryGetProperty("geometry", out var g) ? g : default;
            var type = Text(geometry, "type");
            Geometry shape;
            try
            {
                shape = type switch
                {
                    "Polygon" => Polygon(Coordinates(geometry)),
                    "MultiPolygon" => Factory.CreateMultiPolygon(Coordinates(geometry).EnumerateArray().Select(Polygon).ToArray()),
                    _ => throw new FormatException($"is a {type ?? "null"}, expected Polygon or MultiPolygon"),
                };
            }
            catch (Exception ex) when (ex is FormatException or InvalidOperationException or ArgumentException)
            {
                throw new FormatException($"{file}: feature '{name}' {ex.Message}.", ex);
            }

            list.Add((new PortArea(name, country.ToUpperInvariant(), Text(props, "locode") is { Length: > 0 } l ? l : null,
                string.Equals(Text(props, "kind"), "highRisk", StringComparison.OrdinalIgnoreCase)), shape));
        }

        return list;
    }

    private static JsonElement Coordinates(JsonElement geometry) =>
        geometry.TryGetProperty("coordinates", out var c) && c.ValueKind == JsonValueKind.Array
            ? c
            : throw new FormatException("has no 'coordinates' array");

    private static Polygon Polygon(JsonElement rings)
    {
        if (rings.ValueKind != JsonValueKind.Array || rings.GetArrayLength() == 0)
        {
            throw new FormatException("has a polygon without rings");
        }

        var all = rings.EnumerateArray().Select(Ring).ToArray();
        return Factory.CreatePolygon(all[0], all[1..]);
    }

    private static LinearRing Ring(JsonElement positions)
    {
        if (positions.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("has a ring that is not an array of positions");
        }

        var coords = new Coordinate[positions.GetArrayLength()];
        var i = 0;
        foreach (var position in positions.EnumerateArray())
        {
            if (position.ValueKind != JsonValueKind.Array || position.GetArrayLength() < 2)
            {
                throw new FormatException("has a position that is not [lon, lat]");
            }

            var lon = position[0].GetDouble();
            var lat = position[1].GetDouble();
            if (lat is < -90 or > 90 || lon is < -180 or > 180)
            {
                throw new FormatException($"has a position out of range: [{lon}, {lat}] (GeoJSON is [lon, lat])");
            }

            coords[i++] = new Coordinate(lon, lat);
        }

        if (coords.Length < 4 || !coords[0].Equals2D(coords[^1]))
        {
            throw new FormatException("has a ring that is not closed (at least 4 positions, last equal to first)");
        }

        return Factory.CreateLinearRing(coords);
    }

    private static string? Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var v)
            ? v.ValueKind switch
            {
                JsonValueKind.String => v.GetString(),
                JsonValueKind.Null or JsonValueKind.Undefined => null,
                _ => v.GetRawText(),
            }
            : null;
}
