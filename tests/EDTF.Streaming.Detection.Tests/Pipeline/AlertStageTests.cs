using System.Text.Json.Nodes;
using EDTF.Streaming.Detection.Alerts;
using EDTF.Streaming.Detection.Tracking;
using static EDTF.Streaming.Detection.Tests.Support.Some;

namespace EDTF.Streaming.Detection.Tests.Pipeline;

public sealed class AlertStageTests
{
    private readonly List<AlertUpdate> _emitted = [];
    private readonly AlertStage _stage;

    public AlertStageTests()
    {
        var options = new DetectionOptions { Scope = "all" };
        _stage = new AlertStage(options, Watchlist.Empty, new VesselTracker(options, Watchlist.Empty), _emitted.Add);
    }

    [Fact]
    public void OnBehaviour_OpenUpdateChangingOnlyEvidenceAndDetectedAt_NotEmittedAgain()
    {
        _stage.OnBehaviour(Open(gapHours: 2, detectedAtMs: T0 + Hours(3)));

        _stage.OnBehaviour(Open(gapHours: 2.5, detectedAtMs: T0 + Hours(3.5)));

        _emitted.Should().ContainSingle("nothing an operator acts on (status, start, end, confidence, counterpart) changed");
        _stage.Repeats.Should().Be(1);
    }

    [Fact]
    public void OnBehaviour_OpenUpdateWithNewStartOrConfidence_Emitted()
    {
        _stage.OnBehaviour(Open(gapHours: 2, detectedAtMs: T0 + Hours(3)));

        _stage.OnBehaviour(Open(gapHours: 2, detectedAtMs: T0 + Hours(3)) with { StartMs = T0 + Hours(1.5) });
        _stage.OnBehaviour(Open(gapHours: 2, detectedAtMs: T0 + Hours(3)) with { StartMs = T0 + Hours(1.5), Confidence = Confidence.High });

        _emitted.Should().HaveCount(3, "the start moved, then the confidence changed");
    }

    [Fact]
    public void OnBehaviour_ClosedAfterOpen_EmittedEvenWithTheSameStart()
    {
        _stage.OnBehaviour(Open(gapHours: 2, detectedAtMs: T0 + Hours(3)));

        _stage.OnBehaviour(Open(gapHours: 2, detectedAtMs: T0 + Hours(3)) with { Closed = true, EndMs = T0 + Hours(4) });

        _emitted.Select(a => a.Status).Should().Equal(["open", "closed"]);
    }

    private static Behaviour Open(double gapHours, long detectedAtMs) => new()
    {
        AlertId = "dark-test",
        Type = AlertTypes.DarkPeriod,
        Closed = false,
        Mmsi = OtherMmsi,
        StartMs = T0 + Hours(1),
        Latitude = 38.5,
        Longitude = 124.5,
        Confidence = Confidence.Medium,
        Evidence = new JsonObject { ["gapHours"] = gapHours },
        DetectedAtMs = detectedAtMs,
    };
}
