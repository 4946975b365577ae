using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using EDTF.Streaming.Simulation;

namespace EDTF.Streaming.Cli.Commands;

/// <summary><c>edtf simulate</c>: writes realistic tag-blocked AIVDM traffic (and/or MarineCadastre CSV) for a scenario, with its ground truth.</summary>
internal static class SimulateCommand
{
    public static Command Create()
    {
        var scenarioOption = new Option<string>("--scenario")
        {
            Description = "scenario JSON (see docs/simulator.md; config/scenarios/default.json, demo.json)",
            HelpName = "FILE",
            Required = true,
        };
        var outputOption = new Option<string>("--output")
        {
            Description = "writes DIR/ais.nmea (tag-blocked AIVDM), DIR/ais.csv (MarineCadastre columns) and DIR/truth.json",
            HelpName = "DIR",
            Required = true,
        };
        var seedOption = SharedOptions.Seed("overrides the scenario's seed (same seed, same bytes)");
        var formatOption = new Option<string>("--format") { Description = "what to write", DefaultValueFactory = _ => "nmea" }.OneOf("nmea", "csv", "both");
        var command = new EdtfCommand("simulate", "Generate AIS traffic with scripted behaviours and decoys, plus truth.json.", string.Empty)
        {
            scenarioOption, outputOption, seedOption, formatOption,
        };
        command.SetRun((parseResult, cancellationToken) =>
        {
            var formats = parseResult.GetRequiredValue(formatOption).ToLowerInvariant() switch
            {
                "csv" => SimulationFormats.Csv,
                "both" => SimulationFormats.Both,
                _ => SimulationFormats.Nmea,
            };
            return Interruptible.RunAsync(
                () => Run(parseResult.GetRequiredValue(scenarioOption), parseResult.GetRequiredValue(outputOption), parseResult.GetValue(seedOption), formats),
                cancellationToken);
        });
        return command;
    }

    private static int Run(string scenarioPath, string output, long? seed, SimulationFormats formats)
    {
        ScenarioDefinition scenario;
        try
        {
            scenario = ScenarioLoader.Load(scenarioPath);
        }
        catch (ScenarioException ex)
        {
            Console.Error.WriteLine($"edtf simulate: {ex.Message}");
            return EdtfCommandLine.UsageError;
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
            return EdtfCommandLine.UsageError;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"edtf simulate: cannot write to '{output}': {ex.Message}");
            return EdtfCommandLine.UsageError;
        }

        var s = truth.Statistics;
        var expected = truth.Behaviours.Count(b => b.Expected);
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"edtf simulate: scenario '{truth.Scenario}' seed {truth.Seed}, {truth.Start} to {truth.End}: {s.Vessels} vessels, " +
            $"{s.PositionReports} position + {s.StaticReports} static reports, {s.NmeaLines} NMEA lines, {s.CsvRows} CSV rows; " +
            $"lost {s.Lost}, silenced {s.SilencedByBehaviour} (scripted) + {s.SilencedByOutage} (outage), {s.OutOfOrder} late, {s.Duplicates} duplicates, " +
            $"{s.BadChecksum} bad checksums, {s.Garbled} garbled; truth: {expected} expected, {truth.Behaviours.Count - expected} decoys; " +
            $"{clock.Elapsed.TotalSeconds:0.0} s -> {Path.GetFullPath(output)}"));
        return 0;
    }
}
