using System.Globalization;
using EDTF.Streaming.Simulation;

namespace EDTF.Streaming.Cli.Commands;

/// <summary><c>edtf score</c>: precision and recall of alerts (JSON Lines, e.g. from <c>detect</c> or the alerts topic) against a simulation's truth.json.</summary>
internal sealed class ScoreCommand : ICommand
{
    public string Name => "score";

    public string Summary => "Score alerts (JSON Lines) against a simulation's truth.json.";

    public string Usage => """
        edtf score --truth FILE --alerts FILE|- [--tolerance-minutes 60] [--scope interest|all]

          --truth FILE           truth.json written by 'edtf simulate'
          --alerts FILE|-        alert updates, one JSON body per line (edtf detect --output, or the edtf.alerts topic)
          --tolerance-minutes    how far an alert's start may be from the scripted start (default 60)
          --scope                judge against 'expected' (interest, default) or 'expectedScopeAll' (all)
        Prints precision and recall per alert type, missed behaviours, decoys alerted and unexplained alerts.
        Exit code 0 when every expected behaviour is found and nothing else alerted, 1 otherwise.
        """;

    public async Task<int> RunAsync(CommandLineArgs args)
    {
        var truthPath = args.Require("truth");
        var alertsPath = args.Require("alerts");
        var tolerance = args.GetInt("tolerance-minutes", 60);
        var scope = args.Get("scope", "interest")!;
        args.RejectUnknown();
        if (scope is not ("interest" or "all"))
        {
            throw new CommandLineException($"--scope must be interest or all, got '{scope}'.");
        }

        if (!File.Exists(truthPath) || (alertsPath != "-" && !File.Exists(alertsPath)))
        {
            throw new CommandLineException($"file not found: {(File.Exists(truthPath) ? alertsPath : truthPath)}");
        }

        var truth = ScenarioSimulator.ReadTruth(truthPath);
        var alerts = new List<ScoredAlert>();
        using (var reader = alertsPath == "-" ? new StreamReader(Console.OpenStandardInput()) : new StreamReader(alertsPath))
        {
            var lineNumber = 0;
            while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                lineNumber++;
                if (line.Length == 0)
                {
                    continue;
                }

                try
                {
                    alerts.Add(ScoredAlert.Parse(line));
                }
                catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException or InvalidOperationException)
                {
                    await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"edtf score: {alertsPath}:{lineNumber}: {ex.Message}")).ConfigureAwait(false);
                    return 2;
                }
            }
        }

        var report = new TruthScorer(truth, TimeSpan.FromMinutes(tolerance), scope == "all").Score(alerts);
        await Console.Out.WriteAsync(report.ToString()).ConfigureAwait(false);
        return report.Passed ? 0 : 1;
    }
}
