using System.Reflection;
using System.Text.Json;
using EDTF.Streaming.Tests;

namespace EDTF.Streaming.Cli.Tests.Deploy;

/// <summary>The service's configuration keys (api.md), checked against config/appsettings.json and DetectionOptions when they exist.</summary>
internal static class ConfigKeys
{
    public const string EnvPrefix = "EDTF__";

    /// <summary>Leaf keys agreed in the cross-team API.</summary>
    public static readonly string[] Known =
    [
        "Kafka:BootstrapServers",
        "Kafka:InputTopic",
        "Kafka:AlertsTopic",
        "Kafka:DlqTopic",
        "Kafka:GroupId",
        "Kafka:CloudEventsSource",
        "Service:MetricsPort",
        "Detection:Scope",
        "Detection:AllowedLatenessMinutes",
        "Detection:WatchlistPath",
        "Detection:PortsPath",
    ];

    /// <summary>Variables for the .NET runtime itself (not configuration keys) that the deployment may set; docs/configuration.md lists them.</summary>
    public static readonly string[] RuntimeVariables = ["DOTNET_GCgen0size"];

    /// <summary>Sections whose keys are open: librdkafka properties and detector thresholds.</summary>
    public static readonly string[] OpenSections =
    [
        "Kafka:Client:",
        "Kafka:Consumer:",
        "Kafka:Producer:",
        "Detection:Dark:",
        "Detection:Transfer:",
        "Detection:PortCall:",
    ];

    /// <summary><c>EDTF__Kafka__GroupId</c> to <c>Kafka:GroupId</c>; null when the name lacks the prefix.</summary>
    public static string? FromEnvironmentName(string name) =>
        name.StartsWith(EnvPrefix, StringComparison.Ordinal)
            ? name[EnvPrefix.Length..].Replace("__", ":", StringComparison.Ordinal)
            : null;

    /// <summary>Why a key is not a configuration key of the service, or null when it is.</summary>
    public static string? Problem(string key)
    {
        if (Known.Contains(key, StringComparer.OrdinalIgnoreCase)
            || AppSettingsKeys().Contains(key))
        {
            return DetectionProblem(key);
        }

        var open = OpenSections.FirstOrDefault(s => key.StartsWith(s, StringComparison.OrdinalIgnoreCase));
        if (open is not null && key.Length > open.Length)
        {
            return DetectionProblem(key);
        }

        return key + " is neither an agreed key nor in config/appsettings.json";
    }

    /// <summary>Flattened keys of config/appsettings.json, empty while that file does not exist.</summary>
    public static IReadOnlySet<string> AppSettingsKeys()
    {
        var path = TestPaths.InRepo(System.IO.Path.Combine("config", "appsettings.json"));
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (!File.Exists(path))
        {
            return keys;
        }

        using var doc = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        Flatten(doc.RootElement, string.Empty, keys);
        return keys;
    }

    private static void Flatten(JsonElement e, string prefix, HashSet<string> keys)
    {
        if (e.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in e.EnumerateObject())
            {
                Flatten(p.Value, prefix.Length == 0 ? p.Name : prefix + ":" + p.Name, keys);
            }
        }
        else if (prefix.Length > 0)
        {
            keys.Add(prefix);
        }
    }

    /// <summary>Once DetectionOptions exists, a Detection:* key must name one of its (nested) properties.</summary>
    private static string? DetectionProblem(string key)
    {
        const string section = "Detection:";
        if (!key.StartsWith(section, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var type = Type.GetType("EDTF.Streaming.Detection.DetectionOptions, EDTF.Streaming.Detection");
        if (type is null)
        {
            return null;
        }

        foreach (var part in key[section.Length..].Split(':'))
        {
            var prop = type!.GetProperty(part, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (prop is null)
            {
                return key + ": DetectionOptions (or a nested type) has no property " + part;
            }

            type = prop.PropertyType;
        }

        return null;
    }
}
