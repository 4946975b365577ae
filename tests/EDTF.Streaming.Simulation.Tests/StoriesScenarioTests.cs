using EDTF.Streaming.Tests;
using Xunit.Abstractions;

namespace EDTF.Streaming.Simulation.Tests;

/// <summary>
/// config/scenarios/stories.json (issue 15): cargo and identity stories with their truth, simulated, decoded, detected and scored:
/// every story found with its cargo within tolerance, no decoy alerted, from the NMEA and from the CSV (its draught column).
/// </summary>
public sealed class StoriesScenarioTests(ITestOutputHelper output)
{
    private static readonly string[] Stories =
        ["load-vostochny", "unload-nampo", "sts-both-sides", "coal-rajin", "coal-rajin-then-vladivostok", "reflag", "reflag-old-mmsi-silent", "clone", "draught-correction"];

    private static readonly string[] Decoys = ["destination-change", "double-reception"];

    private static readonly string[] WithCargo = ["load-vostochny", "unload-nampo", "sts-both-sides", "coal-rajin", "coal-rajin-then-vladivostok", "draught-correction"];

    [Fact]
    public void Run_Stories_TruthHoldsEveryStoryItsCargoAndTheDecoys()
    {
        var (truth, _) = Simulate(15, detect: false);

        truth.Behaviours.Where(b => b.Expected).Select(b => b.Id).Should().BeEquivalentTo(Stories);
        truth.Behaviours.Where(b => !b.Expected).Select(b => b.Id).Should().Contain(Decoys);
        truth.Behaviours.Where(b => b.Cargo is not null).Select(b => b.Id).Should().BeEquivalentTo(WithCargo);
        var byId = truth.Behaviours.ToDictionary(b => b.Id);
        byId["unload-nampo"].Cargo.Should().Match<TruthCargo>(c => c.Direction == "unloaded" && c.Commodity == "oil" && c.Tonnes > 1000 && c.Barrels == Math.Round(c.Tonnes!.Value * 7.5));
        byId["coal-rajin"].Cargo.Should().Match<TruthCargo>(c => c.Direction == "loaded" && c.Commodity == "coal" && c.Barrels == null);
        byId["coal-rajin-then-vladivostok"].Cargo.Should().Match<TruthCargo>(c => c.Direction == "unloaded" && c.Commodity == "coal");
        byId["draught-correction"].Cargo!.Direction.Should().BeNull("0.1 m is a correction");
        var sts = byId["sts-both-sides"];
        sts.Cargo!.From.Should().Be(sts.Mmsi, "the main tanker's draught falls: it gives");
        sts.Cargo.To.Should().Be(sts.CounterpartMmsi);
        (sts.CounterpartMmsi / 1_000_000).Should().Be(445, "the receiver is DPRK-flagged");
        var reflagged = truth.Vessels.Where(v => v.Role == "reflag").ToList();
        reflagged.Should().HaveCount(2);
        reflagged.Select(v => v.Imo).Distinct().Should().ContainSingle("the same hull and IMO");
        reflagged.Select(v => v.Mmsi).Should().OnlyHaveUniqueItems().And.Contain(byId["reflag"].Mmsi);
        reflagged.Select(v => v.Name).Should().OnlyHaveUniqueItems();
        truth.Vessels.Where(v => v.Role == "clone").Select(v => v.Mmsi).Should().HaveCount(2).And.AllBeEquivalentTo(byId["clone"].Mmsi);
    }

    [Theory]
    [InlineData(15, false)]
    [InlineData(3, false)]
    [InlineData(15, true)]
    public void SimulateDecodeDetect_Stories_EveryStoryFoundWithItsCargoNoDecoyAlerted(long seed, bool csv)
    {
        var (truth, alerts) = Simulate(seed, detect: true, csv);

        var report = new TruthScorer(truth, TimeSpan.FromHours(1)).Score(alerts);

        output.WriteLine(report.ToString());
        report.Passed.Should().BeTrue(report.ToString());
        report.Matched.Select(m => m.Truth.Id).Should().BeEquivalentTo(Stories);
        report.DecoyHits.Should().BeEmpty();
        report.Unexplained.Should().BeEmpty();
        report.CargoWrong.Should().BeEmpty();
        report.CargoRight.Select(c => c.Truth.Id).Should().BeEquivalentTo(WithCargo);
        foreach (var (alert, truthEntry, _) in report.CargoRight.Where(c => c.Truth.Cargo!.Tonnes is not null))
        {
            alert.Cargo!.Low.Should().BeLessThanOrEqualTo(truthEntry.Cargo!.Tonnes!.Value, truthEntry.Id);
            alert.Cargo.High.Should().BeGreaterThanOrEqualTo(truthEntry.Cargo.Tonnes.Value, "{0}: the true tonnes lie inside the estimate's range", truthEntry.Id);
        }
    }

    private static (GroundTruth Truth, List<ScoredAlert> Alerts) Simulate(long seed, bool detect, bool csv = false)
    {
        var dir = Path.Combine(Path.GetTempPath(), "edtf-stories-" + Guid.NewGuid().ToString("N"));
        try
        {
            var truth = ScenarioSimulator.Run(ScenarioLoader.Load(TestPaths.InRepo("config/scenarios/stories.json")), dir, seed, csv ? SimulationFormats.Csv : SimulationFormats.Nmea);
            return (truth, detect ? SimulatedDetection.Detect(dir, scopeAll: false, csv) : []);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
