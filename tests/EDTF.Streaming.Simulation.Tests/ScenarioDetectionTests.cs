using EDTF.Streaming.Detection;
using EDTF.Streaming.Tests;
using Xunit.Abstractions;

namespace EDTF.Streaming.Simulation.Tests;

/// <summary>
/// simulate -> decode -> <see cref="DetectionPipeline"/> -> alert JSON -> score against truth.json, on the demo scenario with
/// several seeds: every expected behaviour must be found, no decoy alerted, no unexplained alert (precision and recall per type printed).
/// </summary>
public sealed class ScenarioDetectionTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Tolerance = TimeSpan.FromHours(1);

    [Theory]
    [InlineData(7)]
    [InlineData(11)]
    [InlineData(2026)]
    public void SimulateDecodeDetect_DemoScenario_EveryExpectedBehaviourFoundAndNoDecoyAlerted(long seed)
    {
        var report = Run("config/scenarios/demo.json", seed, scopeAll: false);

        report.Missed.Should().BeEmpty(report.ToString());
        report.DecoyHits.Should().BeEmpty(report.ToString());
        report.Unexplained.Should().BeEmpty(report.ToString());
        report.Expected.Select(e => e.Type).Distinct().Should().HaveCount(3, "each alert type is scripted");
    }

    [Fact]
    public void SimulateDecodeDetect_DemoScenarioScopeAll_EveryBehaviourExpectedWithScopeAllFound()
    {
        var report = Run("config/scenarios/demo.json", 7, scopeAll: true);

        report.Passed.Should().BeTrue(report.ToString());
    }

    [Fact]
    public void SimulateDecodeDetect_VesselOfInterestInsideOutage_AlertedWithLowConfidence()
    {
        var report = Run("config/scenarios/demo.json", 7, scopeAll: false);

        report.Matched.Where(m => m.Truth.ExpectedConfidence is not null)
            .Should().NotBeEmpty().And.OnlyContain(m => m.Alert.Confidence == m.Truth.ExpectedConfidence, report.ToString());
    }

    [Fact]
    public void SimulateDetect_DemoScenarioAsMarineCadastreCsv_EveryExpectedBehaviourFoundAndNoDecoyAlerted()
    {
        var report = Run("config/scenarios/demo.json", 11, scopeAll: false, csv: true);

        report.Passed.Should().BeTrue(report.ToString());
    }

    private ScoreReport Run(string scenarioPath, long seed, bool scopeAll, bool csv = false)
    {
        var dir = Path.Combine(Path.GetTempPath(), "edtf-scn-" + Guid.NewGuid().ToString("N"));
        try
        {
            var scenario = ScenarioLoader.Load(TestPaths.InRepo(scenarioPath));
            var truth = ScenarioSimulator.Run(scenario, dir, seed, csv ? SimulationFormats.Csv : SimulationFormats.Nmea);
            var alerts = SimulatedDetection.Detect(dir, scopeAll, csv);
            var report = new TruthScorer(truth, Tolerance, scopeAll).Score(alerts);
            output.WriteLine($"{scenario.Name} seed {seed} ({(csv ? "CSV" : "NMEA")}): {alerts.Count} alert updates");
            output.WriteLine(report.ToString());
            return report;
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
