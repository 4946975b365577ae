using EDTF.Streaming.Detection.Tests.Support;
using static EDTF.Streaming.Detection.Tests.Support.Some;

namespace EDTF.Streaming.Detection.Tests.Pipeline;

public class VesselExpiryTests
{
    private static Harness Run(double idleHours, string scope = "interest")
    {
        var h = new Harness(new DetectionOptions { AllowedLatenessMinutes = 0, VesselIdleHours = idleHours, Scope = scope });

        // A passer-by heard for an hour, then never again; a DPRK vessel heard for the whole 10 days; a keeper reporting daily.
        h.Track(OtherMmsi, T0, T0 + Hours(1), 39.5, 124.2)
         .AddAll(Harness.Merge(
             Harness.Reports(DprkMmsi, T0, T0 + Hours(240), 39, 124.5, everyMinutes: 60),
             Harness.Reports(ThirdMmsi, T0, T0 + Hours(240), 39.8, 124.9, everyMinutes: 24 * 60)));
        return h;
    }

    [Fact]
    public void Sweep_VesselSilentLongerThanIdleHours_Forgotten()
    {
        var h = Run(idleHours: 168);

        h.Pipeline.Statistics.VesselsExpired.Should().Be(1);
        h.Pipeline.Statistics.VesselsTracked.Should().Be(2, "the DPRK vessel is of interest, the daily reporter is not idle");
    }

    [Fact]
    public void Sweep_VesselSilentLessThanIdleHours_Kept()
    {
        var h = Run(idleHours: 0);

        h.Pipeline.Statistics.VesselsExpired.Should().Be(0);
        h.Pipeline.Statistics.VesselsTracked.Should().Be(3);
    }

    [Fact]
    public void Sweep_VesselOfInterestSilentForWeeks_KeptAndItsDarkPeriodStillCloses()
    {
        var h = new Harness(new DetectionOptions { AllowedLatenessMinutes = 0, VesselIdleHours = 24 });
        h.Track(DprkMmsi, T0, T0 + Hours(1), 39, 124.5)
         .Track(OtherMmsi, T0, T0 + Hours(24 * 20), 39.5, 124.2, everyMinutes: 120)
         .Track(DprkMmsi, T0 + Hours(24 * 20) + Minutes(5), T0 + Hours(24 * 20) + Minutes(30), 39.1, 124.6)
         .Complete();

        h.OfType("DarkPeriod").Select(a => a.Status).Should().Equal("open", "closed");
        h.Pipeline.Statistics.VesselsExpired.Should().Be(0);
    }

    [Fact]
    public void Sweep_ScopeAllVesselWithOpenDarkPeriod_KeptUntilItCloses()
    {
        var h = new Harness(new DetectionOptions { AllowedLatenessMinutes = 0, VesselIdleHours = 24, Scope = "all" });
        h.Track(OtherMmsi, T0, T0 + Hours(1), 39.5, 124.2)
         .Track(ThirdMmsi, T0, T0 + Hours(72), 39.8, 124.9, everyMinutes: 60);
        var expiredBefore = h.Pipeline.Statistics.VesselsExpired;

        h.Track(OtherMmsi, T0 + Hours(73), T0 + Hours(74), 39.6, 124.3).Complete();

        expiredBefore.Should().Be(0, "under scope all its dark period is open: it takes part in something");
        h.OfType("DarkPeriod").Where(a => a.Vessel.Mmsi == OtherMmsi).Select(a => a.Status).Should().Equal("open", "closed");
    }

    [Fact]
    public void Sweep_ForgottenVesselReturns_TrackedAgainFromScratch()
    {
        var h = new Harness(new DetectionOptions { AllowedLatenessMinutes = 0, VesselIdleHours = 24 });
        h.Add(Static(OtherMmsi, T0, imo: 9_000_001, name: "PASSER"))
         .Track(OtherMmsi, T0, T0 + Hours(1), 39.5, 124.2)
         .Track(ThirdMmsi, T0, T0 + Hours(72), 39.8, 124.9, everyMinutes: 60);
        h.Pipeline.Statistics.VesselsExpired.Should().Be(1);
        h.Pipeline.Statistics.VesselsTracked.Should().Be(1);

        h.Track(OtherMmsi, T0 + Hours(73), T0 + Hours(74), 39.6, 124.3).Complete();

        h.Pipeline.Statistics.VesselsTracked.Should().Be(2);
        h.Alerts.Should().BeEmpty("neither vessel is of interest");
    }

    [Fact]
    public void Sweep_SameInputSplitOverPartitions_SameExpiryAndAlerts()
    {
        var reports = Harness.Merge(
            Harness.Reports(OtherMmsi, T0, T0 + Hours(2), 39.5, 124.2),
            Harness.Reports(DprkMmsi, T0, T0 + Hours(2), 39, 124.5),
            Harness.Reports(DprkMmsi, T0 + Hours(5), T0 + Hours(100), 39, 124.5, everyMinutes: 30),
            Harness.Reports(OtherMmsi, T0 + Hours(30) , T0 + Hours(31), 39.5, 124.2),
            Harness.Reports(ThirdMmsi, T0, T0 + Hours(100), 39.8, 124.9, everyMinutes: 45)).ToList();

        PipelineStatistics Stats(Func<int, int> partitionOf, out List<string> alerts)
        {
            var list = new List<string>();
            var p = new DetectionPipeline(new DetectionOptions { AllowedLatenessMinutes = 30, VesselIdleHours = 24 }, Watchlist.Empty, PortAreas.Empty, a => list.Add(AlertJson.Serialize(a)));
            foreach (var r in reports)
            {
                p.Add(r, Source(), partitionOf(r.Mmsi));
            }

            p.Complete();
            alerts = list;
            return p.Statistics;
        }

        var one = Stats(_ => 0, out var alertsOne);
        var three = Stats(m => m % 3, out var alertsThree);

        one.VesselsExpired.Should().Be(three.VesselsExpired).And.BeGreaterThan(0);
        alertsThree.Should().Equal(alertsOne).And.NotBeEmpty();
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(12)]
    public void Validate_IdleHoursBetweenZeroAndADay_Rejected(double hours)
    {
        var act = () => new DetectionOptions { VesselIdleHours = hours }.Validate();

        act.Should().Throw<ArgumentException>().WithMessage("*VesselIdleHours*");
    }
}
