using EDTF.Streaming.Detection.Tests.Support;
using static EDTF.Streaming.Detection.Tests.Support.Some;

namespace EDTF.Streaming.Detection.Tests.Pipeline;

/// <summary>Bounds on what input alone can make the pipeline hold or publish.</summary>
public class CapacityTests
{
    private const int DprkBase = 445_000_000;

    /// <summary>Positions of <paramref name="count"/> distinct DPRK MMSIs within a minute of T0, each alone in its spot.</summary>
    private static Harness FloodOfDprkMmsis(DetectionOptions options, int count)
    {
        var h = new Harness(options);
        for (var i = 0; i < count; i++)
        {
            // Spread 0.2 degrees apart (beyond the dark-dark pairing distance): the storm is of dark periods alone.
            h.Add(Position(DprkBase + i, T0 + (i % 60_000), 30 + (i % 100 * 0.2), 120 + (i / 100 * 0.2)));
        }

        return h;
    }

    [Fact]
    public void Add_FiftyThousandDprkMmsisThenOneLineEightDaysLater_NoAlertFromTheLoneLine()
    {
        var h = FloodOfDprkMmsis(new DetectionOptions { AllowedLatenessMinutes = 0 }, 50_000);

        h.Add(Position(OtherMmsi, T0 + Hours(24 * 8), 39.5, 124.2));

        h.Alerts.Should().BeEmpty("one line eight days ahead is not believed on its own");
        h.Pipeline.Statistics.VesselsOfInterest.Should().Be(DetectionDefaults.CapacityMaxMidOnlyVesselsOfInterest);
        h.Pipeline.Statistics.MidInterestRefused.Should().Be(50_000 - DetectionDefaults.CapacityMaxMidOnlyVesselsOfInterest);
    }

    [Fact]
    public void Add_FloodOfDprkMmsisThenFeedResumesDaysLater_OpeningsBoundedPerStepThenPutOffNotLost()
    {
        var options = new DetectionOptions { AllowedLatenessMinutes = 0, Capacity = { MaxMidOnlyVesselsOfInterest = 1_000, MaxOpeningsPerWatermarkStep = 100 } };
        var h = FloodOfDprkMmsis(options, 5_000);

        // The feed resumes eight days later: three reports confirm the jump, every DPRK vessel is silent.
        h.Add(Position(OtherMmsi, T0 + Hours(24 * 8), 39.5, 124.2))
         .Add(Position(OtherMmsi, T0 + Hours(24 * 8) + Minutes(1), 39.5, 124.2))
         .Add(Position(OtherMmsi, T0 + Hours(24 * 8) + Minutes(2), 39.5, 124.2));
        var firstStep = h.OfType("DarkPeriod").Count(a => a.Status == "open");

        firstStep.Should().BeLessThanOrEqualTo(100, "one watermark step publishes at most MaxOpeningsPerWatermarkStep openings");
        firstStep.Should().BeGreaterThan(0, "the bound does not silence everything");
        h.Pipeline.Statistics.OpeningsDeferred.Should().BeGreaterThan(0);

        // Later steps publish what waits, a hundred at a time, in order: nothing is lost.
        for (var i = 3; i < 20; i++)
        {
            h.Add(Position(OtherMmsi, T0 + Hours(24 * 8) + Minutes(i), 39.5, 124.2));
        }

        h.OfType("DarkPeriod").Count(a => a.Status == "open").Should().Be(1_000, "every vessel of interest's dark period is published in the end");
        h.Pipeline.Statistics.UpdatesDeferredNow.Should().Be(0);
        h.Pipeline.Statistics.VesselsOfInterest.Should().Be(1_000);
    }

    [Fact]
    public void Add_MoreVesselsThanTheCap_NewOnesRefusedListedOnesStillTracked()
    {
        var watchlist = new Watchlist([new WatchlistEntry(null, 445_999_999, "LISTED", "DPRK3", "test")]);
        var h = new Harness(new DetectionOptions { AllowedLatenessMinutes = 0, Capacity = { MaxTrackedVessels = 10 } }, watchlist);
        for (var i = 0; i < 20; i++)
        {
            h.Add(Position(OtherMmsi + i, T0 + i, 39.5, 124.2));
        }

        h.Add(Position(445_999_999, T0 + 100, 39, 124));

        h.Pipeline.Statistics.VesselsTracked.Should().Be(11, "ten ordinary vessels, and the listed one beyond the cap");
        h.Pipeline.Statistics.ReportsOfRefusedVessels.Should().Be(10);
    }

    [Fact]
    public void Add_LongJumpOfEventTime_ExpirySweepsBounded()
    {
        var h = new Harness(new DetectionOptions { AllowedLatenessMinutes = 0, VesselIdleHours = 24 });
        h.Track(OtherMmsi, T0, T0 + Hours(1), 39.5, 124.2)
         .Track(ThirdMmsi, T0 + Hours(24 * 365 * 20), T0 + Hours(24 * 365 * 20) + Minutes(40), 39.8, 124.9);

        h.Pipeline.Statistics.VesselsExpired.Should().Be(1, "the passer-by is forgotten once, without sweeping every hour of twenty years");
    }
}
