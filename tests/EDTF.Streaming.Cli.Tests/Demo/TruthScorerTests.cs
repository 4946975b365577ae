using EDTF.Streaming.Cli.Demo;
using EDTF.Streaming.Detection.Simulation;
using static EDTF.Streaming.Cli.Tests.Demo.DemoTestData;

namespace EDTF.Streaming.Cli.Tests.Demo;

public sealed class TruthScorerTests
{
    private const string Dark = TruthBehaviour.DarkPeriod;
    private const string Sts = TruthBehaviour.ShipToShipTransfer;
    private const string Call = TruthBehaviour.PortCall;

    [Fact]
    public void Score_MixedAlerts_CountsFoundMissedAndFalsePositivesPerType()
    {
        TruthBehaviour[] truth =
        [
            Truth("dark", Dark, 100, 2, 5),
            Truth("sts", Sts, 200, 3, 4.5, counterpart: 201),
            Truth("call", Call, 300, 2, 7, port: "Vostochny"),
            Truth("dark-short", Dark, 400, 3, 4.5, expected: false),
            Truth("pass", Call, 500, 7, 7.3, expected: false, port: "Vostochny"),
        ];
        var alerts = new[]
        {
            Alert(Dark, 100, 2.1, 5.0),
            Alert(Sts, 200, 3.0, 4.4, counterpart: 201),
            Alert(Call, 500, 7.1, 7.2, port: "Vostochny"),
        };

        var score = TruthScorer.Score(alerts, truth);

        score.Found.Select(o => o.Behaviour.Id).Should().Equal("dark", "sts");
        score.Missed.Select(o => o.Behaviour.Id).Should().Equal("call");
        score.FalsePositives.Select(o => o.Behaviour.Id).Should().Equal("pass");
        score.Decoys.Should().Be(2);
        score.Expected.Should().Be(3);
        score.Perfect.Should().BeFalse();
        score.ByType.Should().Equal(new TypeScore(Dark, 1, 1), new TypeScore(Call, 0, 1), new TypeScore(Sts, 1, 1));
        score.Unscripted.Should().BeEmpty();
    }

    [Fact]
    public void Score_EveryExpectedFoundAndNoDecoyAlerted_IsPerfect()
    {
        TruthBehaviour[] truth = [Truth("dark", Dark, 100, 2, 5), Truth("decoy", Dark, 400, 3, 4.5, expected: false)];

        var score = TruthScorer.Score([Alert(Dark, 100, 2, 5)], truth);

        score.Perfect.Should().BeTrue();
        score.Found.Should().ContainSingle().Which.Alerts.Should().ContainSingle();
    }

    [Fact]
    public void Score_TransferReportedWithTheVesselsSwapped_IsFound()
    {
        TruthBehaviour[] truth = [Truth("sts", Sts, 200, 3, 4.5, counterpart: 201)];

        var score = TruthScorer.Score([Alert(Sts, 201, 3, 4.5, counterpart: 200)], truth);

        score.Found.Should().ContainSingle();
    }

    [Fact]
    public void Score_TransferWithAnotherCounterpart_IsMissedAndUnscripted()
    {
        TruthBehaviour[] truth = [Truth("sts", Sts, 200, 3, 4.5, counterpart: 201)];

        var score = TruthScorer.Score([Alert(Sts, 200, 3, 4.5, counterpart: 999)], truth);

        score.Missed.Should().ContainSingle();
        score.Unscripted.Should().ContainSingle().Which.Counterpart!.Mmsi.Should().Be(999);
    }

    [Fact]
    public void Score_AlertOfAnotherTypeOnTheSameVessel_DoesNotCount()
    {
        TruthBehaviour[] truth = [Truth("dark", Dark, 100, 2, 5)];

        var score = TruthScorer.Score([Alert(Call, 100, 2, 5, port: "Nakhodka")], truth);

        score.Missed.Should().ContainSingle();
        score.Unscripted.Should().ContainSingle();
    }

    [Fact]
    public void Score_PortCallAtAnotherPort_IsMissed()
    {
        TruthBehaviour[] truth = [Truth("call", Call, 300, 2, 7, port: "Vostochny")];

        var score = TruthScorer.Score([Alert(Call, 300, 2, 7, port: "Nakhodka")], truth);

        score.Missed.Should().ContainSingle();
    }

    [Theory]
    [InlineData(5.9, 8.0, true)] // starts within the hour after the scripted end
    [InlineData(6.1, 8.0, false)] // starts more than an hour after it
    [InlineData(0.0, 1.1, true)] // ends within the hour before the scripted start
    [InlineData(0.0, 0.9, false)] // ends more than an hour before it
    public void Matches_AlertNearTheScriptedSpan_MatchesWithinTheOneHourTolerance(double startHours, double endHours, bool matches)
    {
        var behaviour = Truth("dark", Dark, 100, 2, 5);

        TruthScorer.Matches(Alert(Dark, 100, startHours, endHours), behaviour, TruthScorer.DefaultTolerance).Should().Be(matches);
    }

    [Fact]
    public void Matches_OpenAlert_ExtendsToItsLatestEventTime()
    {
        var behaviour = Truth("dark", Dark, 100, 4, 6);

        TruthScorer.Matches(Alert(Dark, 100, 1, null, detectedHours: 3.5), behaviour, TruthScorer.DefaultTolerance).Should().BeTrue();
        TruthScorer.Matches(Alert(Dark, 100, 1, null, detectedHours: 2.5), behaviour, TruthScorer.DefaultTolerance).Should().BeFalse();
    }

    [Fact]
    public void Score_SeveralUpdatesOfOneAlert_JudgesTheLatest()
    {
        TruthBehaviour[] truth = [Truth("decoy", Dark, 100, 8, 9, expected: false)];
        var open = Alert(Dark, 100, 2, null, detectedHours: 3, id: "a1");
        var closed = Alert(Dark, 100, 2, 8.5, id: "a1");

        TruthScorer.Score([open], truth).FalsePositives.Should().BeEmpty();
        TruthScorer.Score([open, closed], truth).FalsePositives.Should().ContainSingle();
    }

    [Fact]
    public void Score_ScopeAll_JudgesWithExpectedScopeAll()
    {
        var other = new TruthBehaviour("dark-other", Dark, 100, null, "2026-03-01T02:00:00Z", "2026-03-01T09:00:00Z", null, false, true, null, "not of interest");

        TruthScorer.Score([], [other]).Expected.Should().Be(0);
        TruthScorer.Score([], [other], scopeAll: true).Missed.Should().ContainSingle();
    }
}
