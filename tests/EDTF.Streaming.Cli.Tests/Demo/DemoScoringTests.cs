using EDTF.Streaming.Cli.Demo;
using EDTF.Streaming.Simulation;
using static EDTF.Streaming.Cli.Tests.Demo.DemoTestData;

namespace EDTF.Streaming.Cli.Tests.Demo;

public sealed class DemoScoringTests
{
    private const string Dark = TruthBehaviour.DarkPeriod;
    private const string Sts = TruthBehaviour.ShipToShipTransfer;
    private const string Call = TruthBehaviour.PortCall;

    [Fact]
    public void Score_MixedAlerts_CountsFoundMissedAndFalsePositivesPerType()
    {
        var truth = TruthOf(
            Truth("dark", Dark, 100, 2, 5),
            Truth("sts", Sts, 200, 3, 4.5, counterpart: 201),
            Truth("call", Call, 300, 2, 7, port: "Vostochny"),
            Truth("dark-short", Dark, 400, 3, 4.5, expected: false),
            Truth("pass", Call, 500, 7, 7.3, expected: false, port: "Vostochny"));
        var alerts = new[]
        {
            Alert(Dark, 100, 2.1, 5.0),
            Alert(Sts, 200, 3.0, 4.4, counterpart: 201),
            Alert(Call, 500, 7.1, 7.2, port: "Vostochny"),
        };

        var score = DemoScoring.Score(alerts, truth);

        score.Found.Select(o => o.Behaviour.Id).Should().Equal("dark", "sts");
        score.Found.Select(o => o.Alerts.Single().Vessel.Mmsi).Should().Equal(100, 200);
        score.Missed.Select(o => o.Behaviour.Id).Should().Equal("call");
        score.FalsePositives.Should().ContainSingle().Which.Behaviour.Id.Should().Be("pass");
        score.FalsePositives[0].Alerts.Should().ContainSingle().Which.Vessel.Mmsi.Should().Be(500);
        score.Decoys.Should().Be(2);
        score.Expected.Should().Be(3);
        score.Perfect.Should().BeFalse();
        score.ByType.Should().Equal(new TypeScore(Dark, 1, 1), new TypeScore(Call, 0, 1), new TypeScore(Sts, 1, 1));
        score.Unscripted.Should().BeEmpty();
    }

    [Fact]
    public void Score_EveryExpectedFoundAndNoDecoyAlerted_IsPerfect()
    {
        var truth = TruthOf(Truth("dark", Dark, 100, 2, 5), Truth("decoy", Dark, 400, 3, 4.5, expected: false));

        var score = DemoScoring.Score([Alert(Dark, 100, 2, 5)], truth);

        score.Perfect.Should().BeTrue();
        score.FalsePositives.Should().BeEmpty();
        score.Found.Should().ContainSingle().Which.Alerts.Should().ContainSingle();
    }

    [Fact]
    public void Score_TransferReportedWithTheVesselsSwapped_IsFound()
    {
        var score = DemoScoring.Score([Alert(Sts, 201, 3, 4.5, counterpart: 200)], TruthOf(Truth("sts", Sts, 200, 3, 4.5, counterpart: 201)));

        score.Found.Should().ContainSingle();
        score.Missed.Should().BeEmpty();
    }

    [Fact]
    public void Score_TransferWithAnotherCounterpart_IsMissedAndUnscripted()
    {
        var score = DemoScoring.Score([Alert(Sts, 200, 3, 4.5, counterpart: 999)], TruthOf(Truth("sts", Sts, 200, 3, 4.5, counterpart: 201)));

        score.Missed.Should().ContainSingle();
        score.Unscripted.Should().ContainSingle().Which.Counterpart!.Mmsi.Should().Be(999);
        score.Perfect.Should().BeFalse();
    }

    [Fact]
    public void Score_AlertOfAnotherTypeOnTheSameVessel_DoesNotCount()
    {
        var score = DemoScoring.Score([Alert(Call, 100, 2, 5, port: "Nakhodka")], TruthOf(Truth("dark", Dark, 100, 2, 5)));

        score.Missed.Should().ContainSingle();
        score.Unscripted.Should().ContainSingle();
    }

    [Theory]
    [InlineData(3.1, true)] // starts 54 min before the scripted start
    [InlineData(4.9, true)] // 54 min after
    [InlineData(2.9, false)] // 66 min before
    [InlineData(5.1, false)] // 66 min after
    public void Score_AlertStartNearTheScriptedStart_FoundWithinTheHourOfTolerance(double startHours, bool found)
    {
        var score = DemoScoring.Score([Alert(Dark, 100, startHours, 7)], TruthOf(Truth("dark", Dark, 100, 4, 6)));

        score.Found.Should().HaveCount(found ? 1 : 0);
        score.Missed.Should().HaveCount(found ? 0 : 1);
    }

    [Fact]
    public void Score_OpenThenClosedUpdatesOfOneAlert_ListsTheClosedUpdate()
    {
        var open = Alert(Dark, 100, 2, null, detectedHours: 4, id: "a1");
        var closed = Alert(Dark, 100, 2, 5, id: "a1");

        var score = DemoScoring.Score([open, closed], TruthOf(Truth("dark", Dark, 100, 2, 5)));

        score.Found.Should().ContainSingle().Which.Alerts.Should().ContainSingle().Which.Status.Should().Be("closed");
    }

    [Fact]
    public void Score_ScopeAll_JudgesWithExpectedScopeAll()
    {
        var other = new TruthBehaviour("dark-other", Dark, 100, null, "2026-03-01T02:00:00Z", "2026-03-01T09:00:00Z", null, false, true, null, "not of interest");
        var alert = Alert(Dark, 100, 2, 9);

        var interest = DemoScoring.Score([alert], TruthOf(other));
        var all = DemoScoring.Score([alert], TruthOf(other), scopeAll: true);

        interest.FalsePositives.Should().ContainSingle();
        interest.Decoys.Should().Be(1);
        all.Found.Should().ContainSingle();
        all.Decoys.Should().Be(0);
    }
}
