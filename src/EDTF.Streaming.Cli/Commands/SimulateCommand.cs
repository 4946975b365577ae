using System.Diagnostics;
using System.Globalization;
using EDTF.Streaming.Simulation;

namespace EDTF.Streaming.Cli.Commands;

/// <summary><c>edtf simulate</c>: writes realistic tag-blocked AIVDM traffic (and/or MarineCadastre CSV) for a scenario, with its ground truth.</summary>
internal sealed class SimulateCommand : ICommand
{
    public string Name => "simulate";

    public string Summary => "Generate AIS traffic with scripted behaviours and decoys, plus truth.json.";

    public string Usage => """
        edtf simulate --scenario FILE --output DIR [--seed N] [--format nmea|csv|both]

          --scenario FILE   scenario JSON (see docs/simulator.md; config/scenarios/default.json, demo.json)
          --output DIR      writes DIR/ais.nmea (tag-blocked AIVDM), DIR/ais.csv (MarineCadastre columns) and DIR/truth.json
          --seed N          overrides the scenario's seed (same seed, same bytes)
          --format          nmea (default), csv or both
        """;

    public Task<int> RunAsync(CommandLineArgs args)
    {
        var scenarioPath = args.Require("scenario");
        var output = args.Require("output");
        var seedText = args.Get("seed");
        var formatText = args.Get("format", "nmea")!;
        args.RejectUnknown();

        long? seed = null;
        if (seedText is not null)
        {
            seed = long.TryParse(seedText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed)
                ? parsed
                : throw new CommandLineException($"--seed expects a whole number, got '{seedText}'.");
        }

        var formats = formatText.ToLowerInvariant() switch
        {
            "nmea" => SimulationFormats.Nmea,
            "csv" => SimulationFormats.Csv,
            "both" => SimulationFormats.Both,
            _ => throw new CommandLineException($"--format must be nmea, csv or both, got '{formatText}'."),
        };

        ScenarioDefinition scenario;
        try
        {
            scenario = ScenarioLoader.Load(scenarioPath);
        }
        catch (ScenarioException ex)
        {
            Console.Error.WriteLine($"edtf simulate: {ex.Message}");
            return Task.FromResult(2);
        }

        var clock = Stopwatch.StartNew();
        GroundTruth truth;
        try
        {
            truth = ScenarioSimulator.Run(scenario, output, seed, formats);
        }
        catch (ScenarioException ex)
        {
            Console.Error.WriteLine($"edtf simulate: {scenarioPath}: {ex.Message}");
            return Task.FromResult(2);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"edtf simulate: cannot write to '{output}': {ex.Message}");
            return Task.FromResult(2);
        }

        var s = truth.Statistics;
        var expected = truth.Behaviours.Count(b => b.Expected);
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"edtf simulate: scenario '{truth.Scenario}' seed {truth.Seed}, {truth.Start} to {truth.End}: {s.Vessels} vessels, " +
            $"{s.PositionReports} position + {s.StaticReports} static reports, {s.NmeaLines} NMEA lines, {s.CsvRows} CSV rows; " +
            $"lost {s.Lost}, silenced {s.SilencedByBehaviour} (scripted) + {s.SilencedByOutage} (outage), {s.OutOfOrder} late, {s.Duplicates} duplicates, " +
            $"{s.BadChecksum} bad checksums, {s.Garbled} garbled; truth: {expected} expected, {truth.Behaviours.Count - expected} decoys; " +
            $"{clock.Elapsed.TotalSeconds:0.0} s -> {Path.GetFullPath(output)}"));
        return Task.FromResult(0);
    }
}
