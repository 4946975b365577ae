using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EDTF.Streaming.Simulation;

/// <summary>Runs a scenario: builds the fleet and the scripted behaviours, generates the traffic and writes ais.nmea, ais.csv and truth.json.</summary>
internal static class ScenarioSimulator
{
    public const string NmeaFileName = "ais.nmea";
    public const string CsvFileName = "ais.csv";
    public const string TruthFileName = "truth.json";

    private static readonly JsonSerializerOptions TruthJson = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
    };

    /// <summary>Simulates <paramref name="scenario"/> into <paramref name="outputDirectory"/>; <paramref name="seed"/> overrides the scenario's seed.</summary>
    public static GroundTruth Run(ScenarioDefinition scenario, string outputDirectory, long? seed, SimulationFormats formats)
    {
        var effectiveSeed = seed ?? scenario.Seed;
        var startMs = scenario.Start.ToUnixTimeMilliseconds();
        var endMs = startMs + (long)(scenario.DurationHours * 3_600_000);
        var router = new SeaRouter(scenario.SeaAreas);
        var identities = new IdentityFactory(SimRandom.Derive(effectiveSeed, "identity", 0), SimulatedWatchlist.Tankers);

        var vessels = new List<SimulatedVessel>();
        var behaviours = new BehaviourCompiler(scenario, router, identities, startMs, endMs, effectiveSeed);
        behaviours.Compile(vessels);
        var fleet = new FleetBuilder(scenario, router, identities, startMs, endMs, effectiveSeed);
        fleet.Build(vessels, behaviours.SlowSpots);

        Directory.CreateDirectory(outputDirectory);
        var utf8 = new UTF8Encoding(false);
        using var nmea = formats.HasFlag(SimulationFormats.Nmea) ? new StreamWriter(Path.Combine(outputDirectory, NmeaFileName), false, utf8, 1 << 16) { NewLine = "\n" } : null;
        using var csv = formats.HasFlag(SimulationFormats.Csv) ? new StreamWriter(Path.Combine(outputDirectory, CsvFileName), false, utf8, 1 << 16) { NewLine = "\n" } : null;
        csv?.WriteLine(MarineCadastreCsv.Header);

        var generator = new TrafficGenerator(scenario, vessels, startMs, endMs, effectiveSeed, csv is not null);
        generator.Run(unit =>
        {
            if (nmea is not null)
            {
                foreach (var line in unit.NmeaLines)
                {
                    nmea.WriteLine(line);
                }
            }

            if (csv is not null && unit.CsvRow is not null)
            {
                csv.WriteLine(unit.CsvRow);
            }
        });

        var truth = BuildTruth(scenario, effectiveSeed, startMs, endMs, vessels, [.. behaviours.Truth, .. fleet.Truth], generator);
        File.WriteAllText(Path.Combine(outputDirectory, TruthFileName), JsonSerializer.Serialize(truth, TruthJson) + "\n", utf8);
        return truth;
    }

    public static GroundTruth ReadTruth(string path) =>
        JsonSerializer.Deserialize<GroundTruth>(File.ReadAllText(path), TruthJson) ?? throw new InvalidDataException($"{path}: empty truth file");

    private static GroundTruth BuildTruth(ScenarioDefinition scenario, long seed, long startMs, long endMs, List<SimulatedVessel> vessels, List<TruthBehaviour> scripted, TrafficGenerator generator)
    {
        var rules = scenario.Rules;
        var entries = new List<TruthBehaviour>(scripted);
        foreach (var (vessel, fromMs, toMs, outageId) in generator.OutageGaps)
        {
            var gapHours = (toMs - fromMs) / 3_600_000.0;
            var overlapsScripted = vessel.Timeline.Silences.Any(s => s.FromMs < toMs && s.ToMs > fromMs);
            if (gapHours < 0.5 || overlapsScripted)
            {
                continue;
            }

            var threshold = vessel.IsOfInterest ? rules.DarkHoursOfInterest : rules.DarkHoursOther;
            var expected = vessel.IsOfInterest && gapHours >= rules.DarkHoursOfInterest;
            entries.Add(new TruthBehaviour(
                $"{outageId}-{vessel.Identity.Mmsi}",
                TruthBehaviour.DarkPeriod,
                vessel.Identity.Mmsi,
                null,
                GroundTruth.FormatTime(fromMs),
                GroundTruth.FormatTime(toMs),
                null,
                expected,
                gapHours >= threshold,
                expected ? "low" : null,
                $"{vessel.Identity.Name} (MMSI {vessel.Identity.Mmsi}) unheard for {gapHours:0.##} h inside reception outage {outageId}: " +
                (expected ? "of interest and silent past the threshold, so an alert is expected, with low confidence (nobody nearby was heard either)"
                    : vessel.IsOfInterest ? "of interest but below the threshold: decoy" : "decoy: not of interest, a receiver outage is not a dark period")));
        }

        return new GroundTruth
        {
            Scenario = scenario.Name,
            Seed = seed,
            Start = GroundTruth.FormatTime(startMs),
            End = GroundTruth.FormatTime(endMs),
            Rules = rules,
            Vessels =
            [
                .. vessels.Where(v => v.Role != "background")
                    .SelectMany(v => v.LaterIdentities.Select(l => l.Identity).Prepend(v.Identity).DistinctBy(i => (i.Mmsi, i.Name))
                        .Select(i => new TruthVessel(i.Mmsi, i.Imo, i.Name, i.ShipType, v.Interest.ToString().ToLowerInvariant(), v.Role))),
            ],
            Outages =
            [
                .. scenario.Outages.Select(o => new TruthOutage(o.Id, o.MinLat, o.MaxLat, o.MinLon, o.MaxLon,
                    GroundTruth.FormatTime(startMs + (long)(o.AtHours * 3_600_000)), GroundTruth.FormatTime(startMs + (long)((o.AtHours + o.DurationHours) * 3_600_000)),
                    generator.OutageVictims.TryGetValue(o.Id, out var victims) ? victims.Count : 0)),
            ],
            Behaviours = [.. entries.OrderBy(e => e.Start, StringComparer.Ordinal).ThenBy(e => e.Id, StringComparer.Ordinal)],
            Statistics = generator.Statistics,
        };
    }
}
