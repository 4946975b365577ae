using System.CommandLine;
using EDTF.Streaming.Simulation;

namespace EDTF.Streaming.Cli.Commands;

/// <summary><c>edtf score</c>: precision and recall of alerts (JSON Lines, e.g. from <c>detect</c> or the alerts topic) against a simulation's truth.json.</summary>
internal static class ScoreCommand
{
    public static Command Create()
    {
        var truthOption = new Option<string>("--truth") { Description = "truth.json written by 'edtf simulate'", HelpName = "FILE", Required = true }.ExistingFile();
        var alertsOption = new Option<string>("--alerts")
        {
            Description = "alert updates, one JSON body per line (edtf detect --output, or the edtf.alerts topic); '-' is standard input",
            HelpName = "FILE|-",
            Required = true,
        }.ExistingFile(except: "-");
        var toleranceOption = new Option<int>("--tolerance-minutes")
        {
            Description = "how far an alert's start may be from the scripted start",
            HelpName = "N",
            DefaultValueFactory = _ => 60,
        }.InRange(0, int.MaxValue);
        var scopeOption = new Option<string>("--scope")
        {
            Description = "judge against 'expected' (interest) or 'expectedScopeAll' (all)",
            DefaultValueFactory = _ => "interest",
        }.OneOf("interest", "all");
        var command = new EdtfCommand(
            "score",
            "Score alerts (JSON Lines) against a simulation's truth.json.",
            """
            Prints precision and recall per alert type, missed behaviours, decoys alerted and unexplained alerts.
            Exit code 0 when every expected behaviour is found and nothing else alerted, 1 otherwise.
            """)
        {
            truthOption, alertsOption, toleranceOption, scopeOption,
        };
        command.SetRun((parseResult, cancellationToken) => Interruptible.RunAsync(
            () => RunAsync(
                parseResult.GetRequiredValue(truthOption),
                parseResult.GetRequiredValue(alertsOption),
                parseResult.GetValue(toleranceOption),
                parseResult.GetRequiredValue(scopeOption).Equals("all", StringComparison.OrdinalIgnoreCase)),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string truthPath, string alertsPath, int tolerance, bool scopeAll)
    {
        var truth = ScenarioSimulator.ReadTruth(truthPath);
        if (await AlertLines.ReadAsync(alertsPath, "score", ScoredAlert.Parse).ConfigureAwait(false) is not { } alerts)
        {
            return 2;
        }

        var report = new TruthScorer(truth, TimeSpan.FromMinutes(tolerance), scopeAll).Score(alerts);
        await Console.Out.WriteAsync(report.ToString()).ConfigureAwait(false);
        return report.Passed ? 0 : 1;
    }
}
