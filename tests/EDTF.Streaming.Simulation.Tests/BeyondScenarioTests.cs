using EDTF.Streaming.Tests;
using Xunit.Abstractions;

namespace EDTF.Streaming.Simulation.Tests;

/// <summary>
/// The behaviours of config/scenarios/default.json beyond the visible case (dark-dark transfers, lone loitering tankers, calls made while
/// dark, and their decoys), simulated with a lighter background fleet, decoded, detected and scored against the truth on several seeds.
/// </summary>
public sealed class BeyondScenarioTests(ITestOutputHelper output)
{
    private static readonly string[] BeyondKinds = ["darkTransfer", "darkPortCall", "loiter"];

    [Theory]
    [InlineData(20260301, false)]
    [InlineData(7, false)]
    [InlineData(11, true)]
    public void SimulateDecodeDetect_DefaultScenarioBeyondBehaviours_EveryExpectedFoundNoDecoyAlerted(long seed, bool scopeAll)
    {
        var (report, truth) = Run(seed, scopeAll);

        report.Passed.Should().BeTrue(report.ToString());
        var scripted = truth.Behaviours.Where(b => b.Expected).Select(b => b.Id).ToList();
        scripted.Should().Contain(["darkdark-soj", "loiter-lone-tanker", "dark-call-vostochny"]);
        truth.Behaviours.Where(b => !b.Expected).Select(b => b.Id).Should().Contain(
            ["darkdark-short-overlap", "darkdark-six-nm-apart", "loiter-short", "dark-departure-vostochny", "dark-call-busan"]);
        report.Matched.Select(m => m.Alert.Pattern).Should().Contain(["darkDark", "oneSideDark", "possibleDarkPortCall"]);
        foreach (var type in new[] { TruthBehaviour.DarkPeriod, TruthBehaviour.ShipToShipTransfer, TruthBehaviour.PortCall, TruthBehaviour.ShipToShipTransferOneSideDark })
        {
            report.Precision(type).Should().Be(1.0, type);
            report.Recall(type).Should().Be(1.0, type);
        }
    }

    private (ScoreReport Report, GroundTruth Truth) Run(long seed, bool scopeAll)
    {
        var full = ScenarioLoader.Load(TestPaths.InRepo("config/scenarios/default.json"));
        var scenario = LightScenario.Of(full, "-beyond", 40, b => BeyondKinds.Contains(b.Kind));
        var dir = Path.Combine(Path.GetTempPath(), "edtf-beyond-" + Guid.NewGuid().ToString("N"));
        try
        {
            var truth = ScenarioSimulator.Run(scenario, dir, seed, SimulationFormats.Nmea);
            var alerts = SimulatedDetection.Detect(dir, scopeAll);
            var report = new TruthScorer(truth, TimeSpan.FromHours(1), scopeAll).Score(alerts);
            output.WriteLine($"{scenario.Name} seed {seed} scope {(scopeAll ? "all" : "interest")}: {alerts.Count} alert updates");
            output.WriteLine(report.ToString());
            return (report, truth);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
