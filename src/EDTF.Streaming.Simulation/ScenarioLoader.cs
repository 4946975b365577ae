using System.Text.Json;
using System.Text.Json.Serialization;

namespace EDTF.Streaming.Simulation;

/// <summary>Reads and validates a scenario file (JSON, comments and trailing commas allowed, unknown properties rejected).</summary>
internal static class ScenarioLoader
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    private static readonly HashSet<string> Kinds = new(StringComparer.Ordinal) { "dark", "transfer", "closePass", "portCall", "portPass", "transit", "darkTransfer", "darkPortCall", "loiter", "reflag", "clone", "destinationChange", "doubleReception" };

    public static ScenarioDefinition Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new ScenarioException($"scenario file '{path}' not found");
        }

        return Parse(File.ReadAllText(path), path);
    }

    public static ScenarioDefinition Parse(string json, string origin = "scenario")
    {
        ScenarioDefinition? scenario;
        try
        {
            scenario = JsonSerializer.Deserialize<ScenarioDefinition>(json, Options);
        }
        catch (JsonException ex)
        {
            throw new ScenarioException($"{origin}: {ex.Message}");
        }

        if (scenario is null)
        {
            throw new ScenarioException($"{origin}: empty scenario");
        }

        Validate(scenario, origin);
        return scenario;
    }

    private static void Validate(ScenarioDefinition s, string origin)
    {
        var errors = new List<string>();
        if (s.DurationHours is <= 0 or > 24 * 14)
        {
            errors.Add("durationHours must be within (0, 336]");
        }

        if (s.SeaAreas.Count == 0)
        {
            errors.Add("seaAreas: at least one open-water box is needed");
        }

        errors.AddRange(s.SeaAreas.Where(a => a.MinLat >= a.MaxLat || a.MinLon >= a.MaxLon).Select(a => $"seaAreas '{a.Name}': min must be below max"));
        if (s.Background.Vessels < 0 || s.Reporting.UnderwaySeconds <= 0 || s.Reporting.AnchoredSeconds <= 0 || s.Reporting.StaticSeconds <= 0)
        {
            errors.Add("background.vessels must be >= 0 and reporting intervals > 0");
        }

        errors.AddRange(s.Background.AnchoragePorts.Where(p => SimulatedPorts.Find(p) is null).Select(p => $"background.anchoragePorts: unknown port '{p}'"));
        foreach (var o in s.Outages)
        {
            if (o.AtHours < 0 || o.DurationHours <= 0 || o.AtHours + o.DurationHours > s.DurationHours)
            {
                errors.Add($"outage '{o.Id}': must lie inside the window");
            }
        }

        for (var i = 0; i < s.Behaviours.Count; i++)
        {
            var b = s.Behaviours[i];
            var where = $"behaviours[{i}]" + (b.Id is null ? "" : $" '{b.Id}'");
            if (!Kinds.Contains(b.Kind))
            {
                errors.Add($"{where}: kind must be one of {string.Join(", ", Kinds)}");
                continue;
            }

            if (b.Interest is not ("imo" or "mid" or "none") || (b.Counterparts ?? []).Concat(b.Alongside is null ? [] : [b.Alongside]).Any(c => c.Interest is not ("imo" or "mid" or "none")))
            {
                errors.Add($"{where}: interest must be imo, mid or none");
            }

            if (b.Kind is "portCall" or "portPass" or "darkPortCall")
            {
                if (SimulatedPorts.Find(b.Port) is null || (b.ThenCall is { } next && SimulatedPorts.Find(next.Port) is null))
                {
                    errors.Add($"{where}: port must be one of {string.Join(", ", SimulatedPorts.All.Select(p => p.Name))}");
                }

                if (b.ThenCall is { } then && (b.Kind != "portCall" || then.AtHours < b.AtHours + (b.DwellHours ?? 8) + 2 || then.DwellHours <= 0))
                {
                    errors.Add($"{where}: thenCall is for portCall only, and must reach its berth at least 2 h after the first call ends");
                }
            }
            else if (b.Lat is null || b.Lon is null)
            {
                errors.Add($"{where}: lat and lon are required");
            }

            var end = b.AtHours + BehaviourSpanHours(b);
            if (b.AtHours < 2 || end > s.DurationHours - 1)
            {
                errors.Add($"{where}: must start at least 2 h after the start and end 1 h before the end of the window (runs {b.AtHours:0.##} h to {end:0.##} h of {s.DurationHours:0.##} h)");
            }
        }

        if (errors.Count > 0)
        {
            throw new ScenarioException($"{origin}: " + string.Join("; ", errors));
        }
    }

    /// <summary>How long a behaviour lasts after its start, including the departure from a port.</summary>
    public static double BehaviourSpanHours(BehaviourDefinition b) => b.Kind switch
    {
        "dark" => b.GapHours ?? 4,
        "transfer" => b.DurationHours ?? 2,
        "portCall" when b.ThenCall is { } next => next.AtHours - b.AtHours + next.DwellHours + 1,
        "portCall" => (b.DwellHours ?? 8) + 1,
        "darkTransfer" => Math.Max(b.GapHours ?? 6, (b.CounterpartDelayHours ?? 0.5) + (b.CounterpartGapHours ?? b.GapHours ?? 6)),
        "darkPortCall" => b.ReappearFarAway == true ? b.GapHours ?? 5 : (b.DwellHours ?? 6) + 2,
        "loiter" => b.DurationHours ?? 3,
        "clone" => (b.DurationHours ?? 3) + 1,
        "doubleReception" => b.DurationHours ?? 3,
        _ => 0.5,
    };
}
