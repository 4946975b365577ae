
namespace EDTF.Streaming.Simulation.Tests;

public sealed class TruthScorerTests
{
    private static readonly GroundTruth Truth = new()
    {
        Behaviours =
        [
            new("dark-1", TruthBehaviour.DarkPeriod, 111, null, "2026-03-01T06:00:00Z", "2026-03-01T11:00:00Z", null, true, true, null, "dark"),
            new("sts-1", TruthBehaviour.ShipToShipTransfer, 222, 333, "2026-03-01T09:00:00Z", "2026-03-01T12:00:00Z", null, true, true, null, "sts"),
            new("call-1", TruthBehaviour.PortCall, 444, null, "2026-03-01T07:00:00Z", "2026-03-01T17:00:00Z", "Vostochny", true, true, null, "call"),
            new("decoy-1", TruthBehaviour.DarkPeriod, 555, null, "2026-03-01T08:00:00Z", "2026-03-01T16:00:00Z", null, false, true, null, "not of interest"),
        ],
    };

    private static ScoredAlert Alert(string id, string type, int mmsi, string start, int? counterpart = null, string status = "closed")
    {
        var cp = counterpart is null ? "null" : "{\"mmsi\":" + counterpart + "}";
        return ScoredAlert.Parse($$$"""
            {"alertId":"{{{id}}}","type":"{{{type}}}","status":"{{{status}}}","vessel":{"mmsi":{{{mmsi}}},"imo":null},
             "counterpart":{{{cp}}},"watchlist":[],"start":"{{{start}}}","end":null,
             "position":{"lat":0,"lon":0},"port":null,"confidence":"high","evidence":{},"detectedAt":"{{{start}}}","source":{"file":"f","line":1}}
            """);
    }

    [Fact]
    public void Score_AllFoundTransferInReverseOrder_PassesWithFullPrecisionAndRecall()
    {
        var report = new TruthScorer(Truth, TimeSpan.FromHours(1)).Score(
        [
            Alert("a", TruthBehaviour.DarkPeriod, 111, "2026-03-01T05:59:00Z", status: "open"),
            Alert("a", TruthBehaviour.DarkPeriod, 111, "2026-03-01T05:59:00Z"),
            Alert("b", TruthBehaviour.ShipToShipTransfer, 333, "2026-03-01T09:20:00Z", counterpart: 222),
            Alert("c", TruthBehaviour.PortCall, 444, "2026-03-01T06:35:00Z"),
        ]);

        report.Passed.Should().BeTrue(report.ToString());
        report.Alerts.Should().HaveCount(3, "updates of one alert id count once");
        TruthScorer.Types.Should().OnlyContain(t => report.Precision(t) == 1.0 && report.Recall(t) == 1.0);
    }

    [Fact]
    public void Score_StartOutsideToleranceAndDecoyAlerted_ReportsMissedDecoyAndUnexplained()
    {
        var report = new TruthScorer(Truth, TimeSpan.FromHours(1)).Score(
        [
            Alert("a", TruthBehaviour.DarkPeriod, 111, "2026-03-01T07:30:00Z"),
            Alert("d", TruthBehaviour.DarkPeriod, 555, "2026-03-01T08:10:00Z"),
            Alert("e", TruthBehaviour.ShipToShipTransfer, 222, "2026-03-01T09:00:00Z", counterpart: 999),
        ]);

        report.Passed.Should().BeFalse();
        report.Missed.Select(m => m.Id).Should().BeEquivalentTo("dark-1", "sts-1", "call-1");
        report.DecoyHits.Should().ContainSingle().Which.Truth.Id.Should().Be("decoy-1");
        report.Unexplained.Select(u => u.AlertId).Should().BeEquivalentTo("a", "e");
        report.Precision(TruthBehaviour.DarkPeriod).Should().Be(0);
        report.Recall(TruthBehaviour.PortCall).Should().Be(0);
        report.ToString().Should().Contain("MISSED dark-1").And.Contain("DECOY ALERTED decoy-1").And.Contain("FAIL");
    }

    [Fact]
    public void Score_ScopeAll_NotOfInterestDarkIsExpected()
    {
        var report = new TruthScorer(Truth, TimeSpan.FromHours(1), scopeAll: true).Score([Alert("d", TruthBehaviour.DarkPeriod, 555, "2026-03-01T08:10:00Z")]);

        report.Matched.Should().ContainSingle().Which.Truth.Id.Should().Be("decoy-1");
        report.DecoyHits.Should().BeEmpty();
    }

    [Fact]
    public void Score_AlertOnDecoyLongAfterItsStart_CountsAsDecoyHit()
    {
        var report = new TruthScorer(Truth, TimeSpan.FromHours(1)).Score([Alert("d", TruthBehaviour.DarkPeriod, 555, "2026-03-01T14:00:00Z")]);

        report.DecoyHits.Should().ContainSingle().Which.Truth.Id.Should().Be("decoy-1");
        report.Unexplained.Should().BeEmpty();
    }

    [Fact]
    public void Parse_NotAnAlert_ThrowsFormatException()
    {
        var act = () => ScoredAlert.Parse("""{"type":"DarkPeriod"}""");

        act.Should().Throw<FormatException>();
    }

    [Theory]
    [InlineData(10_000, 9_000, 11_000, null, true)]
    [InlineData(12_400, 12_000, 13_000, null, true)]
    [InlineData(13_000, 12_000, 14_000, null, false)]
    [InlineData(100_000, 90_000, 110_000, null, false)]
    [InlineData(10_000, 9_000, 11_000, 999, false)]
    public void CargoProblem_TransferEstimates_InsideTheRangeOrWithin25PercentWithTheSameGiver(double tonnes, double low, double high, int? from, bool right)
    {
        var truth = new TruthCargo("transferred", "oil", 10_000, 75_000, 222, 333);
        var estimate = new ScoredCargo("transferred", "oil", tonnes, low, high, tonnes * 7.5, from ?? 222, 333);

        var problem = TruthScorer.CargoProblem(truth, estimate);

        (problem is null).Should().Be(right, problem);
    }

    [Fact]
    public void CargoProblem_CorrectionEstimatedAsCargoOrNoCargoEvidence_Wrong()
    {
        var correction = new TruthCargo(null, "oil", null, null);

        TruthScorer.CargoProblem(correction, new ScoredCargo(null, "oil", null, null, null, null, null, null)).Should().BeNull();
        TruthScorer.CargoProblem(correction, new ScoredCargo("loaded", "oil", 800, 400, 1200, 6000, null, null)).Should().Contain("correction");
        TruthScorer.CargoProblem(new TruthCargo("loaded", "coal", 30_000, null), null).Should().Be("no evidence.cargo");
        TruthScorer.CargoProblem(new TruthCargo("loaded", "coal", 30_000, null), new ScoredCargo("loaded", "unknown", 30_000, 29_000, 31_000, null, null, null)).Should().NotBeNull();
    }

    [Fact]
    public void Score_IdentityTypesAndCargo_ScoredAndCargoMissFails()
    {
        var truth = new GroundTruth
        {
            Behaviours =
            [
                new("reflag", TruthBehaviour.IdentityChange, 666, null, "2026-03-01T06:00:00Z", "2026-03-01T06:00:00Z", null, true, true, null, "re-flag"),
                new("clone", TruthBehaviour.IdentityConflict, 777, null, "2026-03-01T07:00:00Z", "2026-03-01T10:00:00Z", null, true, true, null, "clone"),
                new("call", TruthBehaviour.PortCall, 444, null, "2026-03-01T07:00:00Z", "2026-03-01T17:00:00Z", "Nampo", true, true, null, "call",
                    new TruthCargo("unloaded", "oil", 10_000, 75_000)),
            ],
        };
        ScoredAlert Call(double tonnes) => Alert("c", TruthBehaviour.PortCall, 444, "2026-03-01T07:10:00Z") with
        {
            Cargo = new ScoredCargo("unloaded", "oil", tonnes, tonnes * 0.9, tonnes * 1.1, tonnes * 7.5, null, null),
        };
        var identity = new[] { Alert("i", TruthBehaviour.IdentityChange, 666, "2026-03-01T06:05:00Z"), Alert("k", TruthBehaviour.IdentityConflict, 777, "2026-03-01T07:20:00Z") };

        var good = new TruthScorer(truth, TimeSpan.FromHours(1)).Score([.. identity, Call(10_500)]);
        var bad = new TruthScorer(truth, TimeSpan.FromHours(1)).Score([.. identity, Call(20_000)]);

        good.Passed.Should().BeTrue(good.ToString());
        good.Recall(TruthBehaviour.IdentityChange).Should().Be(1);
        good.Recall(TruthBehaviour.IdentityConflict).Should().Be(1);
        good.CargoRight.Should().ContainSingle();
        bad.Passed.Should().BeFalse("the port call is found but its cargo is twice the truth");
        bad.Missed.Should().BeEmpty();
        bad.ToString().Should().Contain("CARGO WRONG call").And.Contain("IdentityConflict");
    }
}
