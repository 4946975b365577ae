using System.Text.Json;
using System.Text.Json.Nodes;

namespace EDTF.Streaming.WebConsole.Alerts;

/// <summary>The configured port and high-risk areas (GeoJSON FeatureCollection), read once at start; immutable, shared by request threads.</summary>
internal sealed class AreaFile
{
    private readonly JsonArray _features;

    private AreaFile(string json)
    {
        Json = json;
        _features = JsonNode.Parse(json)?["features"] as JsonArray ?? [];
    }

    /// <summary>No areas.</summary>
    public static AreaFile Empty { get; } = new("""{"type":"FeatureCollection","features":[]}""");

    /// <summary>The file as it is, for the map.</summary>
    public string Json { get; }

    /// <summary>Reads the areas at <paramref name="path"/>, or none when it is null.</summary>
    /// <exception cref="InvalidOperationException">The file is not a GeoJSON FeatureCollection.</exception>
    public static AreaFile Load(string? path)
    {
        if (path is null)
        {
            return Empty;
        }

        try
        {
            return new AreaFile(File.ReadAllText(path));
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException($"{path} is not GeoJSON: {ex.Message}", ex);
        }
    }

    /// <summary>A copy of the area feature named <paramref name="name"/>, or null.</summary>
    public JsonNode? Feature(string name) =>
        _features.FirstOrDefault(f => (string?)f?["properties"]?["name"] == name)?.DeepClone();
}
