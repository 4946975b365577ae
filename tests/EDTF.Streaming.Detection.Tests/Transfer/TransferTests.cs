using EDTF.Streaming.Ais;
using EDTF.Streaming.Detection.Tests.Support;
using EDTF.Streaming.Tests;
using static EDTF.Streaming.Detection.Tests.Support.Some;

namespace EDTF.Streaming.Detection.Tests.Transfer;

public class TransferTests
{
    // Open sea in the Sea of Japan, far from any port and outside the high-risk areas.
    private const double Lat = 40.5;
    private const double Lon = 133.5;
    private const double MetersPerDegreeLat = 111_195;

    private static readonly Lazy<PortAreas> Ports = new(() => PortAreas.Load(TestPaths.InRepo("config/ports.geojson")));

    /// <summary>Two vessels side by side (<paramref name="apartMeters"/> north-south) between <paramref name="fromH"/> and <paramref name="toH"/>, reporting every 3 min at staggered times.</summary>
    internal static IEnumerable<AisReport> Pair(int a, int b, double fromH, double toH, double apartMeters = 200, double sog = 0.5, double lat = Lat, double lon = Lon)
    {
        var dLat = apartMeters / MetersPerDegreeLat;
        return Harness.Merge(
            Harness.Reports(a, T0 + Hours(fromH), T0 + Hours(toH), lat, lon, sog, everyMinutes: 3),
            Harness.Reports(b, T0 + Hours(fromH) + Minutes(1.5), T0 + Hours(toH), lat + dLat, lon, sog, everyMinutes: 3));
    }

    /// <summary>A far-away vessel that keeps the event-time clock moving until <paramref name="toH"/>.</summary>
    internal static IEnumerable<AisReport> Clock(double toH) => Harness.Reports(999_000_001 - 600_000_000, T0, T0 + Hours(toH), 10, 10, everyMinutes: 10);

    private static Harness Run(IEnumerable<AisReport> reports, DetectionOptions? options = null, PortAreas? ports = null) =>
        new Harness(options, ports: ports ?? Ports.Value).AddAll(reports).Complete();

    [Fact]
    public void Add_TwoSlowVesselsTogetherThreeHours_OpensThenUpgradesThenCloses()
    {
        var h = Run(Harness.Merge(Pair(DprkMmsi, OtherMmsi, 1, 4), Clock(9)));

        var alerts = h.Visible("ShipToShipTransfer");
        alerts.Select(a => (a.Status, a.Confidence)).Should().Equal(("open", "low"), ("open", "medium"), ("closed", "medium"));
        alerts.Select(a => a.AlertId).Distinct().Should().ContainSingle();
        alerts[0].Start.Should().Be(DateTimeOffset.FromUnixTimeMilliseconds(T0 + Hours(1) + Minutes(1.5)));
        alerts[0].DetectedAt.Should().BeOnOrAfter(alerts[0].Start.AddMinutes(30)).And.BeBefore(alerts[0].Start.AddMinutes(35));
        var closed = alerts[2];
        closed.Vessel.Mmsi.Should().Be(DprkMmsi);
        closed.Counterpart!.Mmsi.Should().Be(OtherMmsi);
        closed.Counterpart.Flag.Should().Be("RU");
        closed.Evidence["durationHours"]!.GetValue<double>().Should().BeApproximately(3, 0.1);
        closed.Evidence["medianDistanceM"]!.GetValue<double>().Should().BeApproximately(200, 5);
        closed.Evidence["medianSpeedKn"]!.GetValue<double>().Should().BeApproximately(0.5, 0.01);
        closed.Position.Lat.Should().BeApproximately(Lat + 0.0009, 0.0002);
        AlertSchema.AllShouldBeValid(alerts);
    }

    [Theory]
    [InlineData(28, 0)]
    [InlineData(33, 1)]
    public void Add_TogetherAroundThirtyMinutes_OpensOnlyAfterThirty(double minutes, int expected)
    {
        var h = Run(Harness.Merge(Pair(DprkMmsi, OtherMmsi, 1, 1 + (minutes / 60)), Clock(9)));

        h.Visible("ShipToShipTransfer").Where(a => a.Status == "closed").Should().HaveCount(expected);
    }

    [Theory]
    [InlineData(480, 1)]
    [InlineData(520, 0)]
    public void Add_DistanceAroundFiveHundredMetres_OnlyWithin(double meters, int expected)
    {
        var h = Run(Harness.Merge(Pair(DprkMmsi, OtherMmsi, 1, 3, apartMeters: meters), Clock(9)));

        h.Visible("ShipToShipTransfer").Where(a => a.Status == "closed").Should().HaveCount(expected);
    }

    [Theory]
    [InlineData(1.9, 1)]
    [InlineData(2.1, 0)]
    public void Add_SpeedAroundTwoKnots_OnlyBelow(double sog, int expected)
    {
        // Speed is what AIS reports; the positions stay put so only the reported speed changes.
        var h = Run(Harness.Merge(Pair(DprkMmsi, OtherMmsi, 1, 3, sog: sog), Clock(9)));

        h.Visible("ShipToShipTransfer").Where(a => a.Status == "closed").Should().HaveCount(expected);
    }

    [Fact]
    public void Add_FastClosePass_NoTransfer()
    {
        var a = Harness.Reports(DprkMmsi, T0, T0 + Hours(2), Lat, Lon - 0.2, sog: 12, everyMinutes: 0.5, lonPerHour: 0.26);
        var b = Harness.Reports(OtherMmsi, T0, T0 + Hours(2), Lat + 0.001, Lon + 0.3, sog: 12, everyMinutes: 0.5, lonPerHour: -0.26);

        Run(Harness.Merge(a, b, Clock(9))).Visible("ShipToShipTransfer").Should().BeEmpty();
    }

    [Fact]
    public void Add_ApartLessThanFourHours_OneMergedEvent()
    {
        var h = Run(Harness.Merge(Pair(DprkMmsi, OtherMmsi, 1, 2), Pair(DprkMmsi, OtherMmsi, 5.5, 6.5), Clock(12)));

        var closed = h.Visible("ShipToShipTransfer").Where(a => a.Status == "closed").Should().ContainSingle().Subject;
        closed.Evidence["durationHours"]!.GetValue<double>().Should().BeApproximately(5.5, 0.1);
    }

    [Fact]
    public void Add_ApartMoreThanFourHours_TwoEvents()
    {
        var h = Run(Harness.Merge(Pair(DprkMmsi, OtherMmsi, 1, 2), Pair(DprkMmsi, OtherMmsi, 6.5, 7.5), Clock(13)));

        h.Visible("ShipToShipTransfer").Where(a => a.Status == "closed").Select(a => a.AlertId).Distinct().Should().HaveCount(2);
    }

    [Fact]
    public void Add_MooredSideBySideInRussianPort_NoTransfer()
    {
        var h = Run(Harness.Merge(Pair(DprkMmsi, OtherMmsi, 1, 6, lat: 43.10, lon: 131.90), Clock(12)));

        h.Visible("ShipToShipTransfer").Should().BeEmpty();
    }

    [Fact]
    public void Add_NearDprkPortInsideHighRiskArea_KeptWithLowerConfidence()
    {
        var offshore = Run(Harness.Merge(Pair(DprkMmsi, OtherMmsi, 1, 4), Clock(10)));
        var nampo = Run(Harness.Merge(Pair(DprkMmsi, OtherMmsi, 1, 4, lat: 38.70, lon: 125.30), Clock(10)));

        var closed = nampo.Visible("ShipToShipTransfer").Single(a => a.Status == "closed");
        closed.Evidence["nearPort"]!.GetValue<bool>().Should().BeTrue();
        closed.Evidence["inHighRiskArea"]!.GetValue<bool>().Should().BeTrue();
        closed.Confidence.Should().Be("low");
        offshore.Visible("ShipToShipTransfer").Single(a => a.Status == "closed").Confidence.Should().Be("medium");
    }

    [Fact]
    public void Add_TankerInvolved_RaisesConfidence()
    {
        var reports = Harness.Merge(Pair(DprkMmsi, OtherMmsi, 1, 4), Clock(10)).Prepend(Static(DprkMmsi, T0, imo: 8106496, name: "SAM MA 2", shipType: 80));

        Run(reports).Visible("ShipToShipTransfer").Single(a => a.Status == "closed").Confidence.Should().Be("high");
    }

    [Fact]
    public void Add_OneVesselWithTwoCounterparts_TwoTransfers()
    {
        var dLat = 200 / MetersPerDegreeLat;
        var reports = Harness.Merge(
            Harness.Reports(DprkMmsi, T0 + Hours(1), T0 + Hours(4), Lat, Lon, 0.3, everyMinutes: 3),
            Harness.Reports(OtherMmsi, T0 + Hours(1) + Minutes(1), T0 + Hours(4), Lat + dLat, Lon, 0.3, everyMinutes: 3),
            Harness.Reports(ThirdMmsi, T0 + Hours(1) + Minutes(2), T0 + Hours(4), Lat - dLat, Lon, 0.3, everyMinutes: 3),
            Clock(10));

        var closed = Run(reports).Visible("ShipToShipTransfer").Where(a => a.Status == "closed").ToList();

        closed.Select(a => a.Counterpart!.Mmsi).Should().BeEquivalentTo([OtherMmsi, ThirdMmsi]);
        closed.Should().OnlyContain(a => a.Vessel.Mmsi == DprkMmsi);
    }

    [Fact]
    public void Add_NeitherOfInterest_NoAlertUnlessScopeAll()
    {
        Run(Harness.Merge(Pair(OtherMmsi, ThirdMmsi, 1, 4), Clock(10))).Visible("ShipToShipTransfer").Should().BeEmpty();

        Run(Harness.Merge(Pair(OtherMmsi, ThirdMmsi, 1, 4), Clock(10)), new DetectionOptions { AllowedLatenessMinutes = 0, Scope = "all" })
            .Visible("ShipToShipTransfer").Should().NotBeEmpty();
    }

    [Fact]
    public void Add_ConvoyOnSameLineReportingAtDifferentTimes_ComparedAtSameInstant()
    {
        // Both eastbound at 1.8 kn, 800 m apart along the track; B reports 10 minutes after A, by which time A has moved about 555 m,
        // so comparing B with A's last report would put them 245 m apart. Aligned in time they are 800 m apart.
        var metersPerDegreeLon = MetersPerDegreeLat * Math.Cos(Lat * Math.PI / 180);
        var lonPerHour = 1.8 * 1852 / metersPerDegreeLon;
        var a = Harness.Reports(DprkMmsi, T0, T0 + Hours(4), Lat, Lon + (800 / metersPerDegreeLon), 1.8, everyMinutes: 20, lonPerHour: lonPerHour);
        var b = Harness.Reports(OtherMmsi, T0 + Minutes(10), T0 + Hours(4), Lat, Lon + (lonPerHour / 6), 1.8, everyMinutes: 20, lonPerHour: lonPerHour);

        Run(Harness.Merge(a, b, Clock(10))).Visible("ShipToShipTransfer").Should().BeEmpty();
    }

    [Fact]
    public void Add_CounterpartRuleOn_CounterpartBecomesOfInterest()
    {
        var options = new DetectionOptions { AllowedLatenessMinutes = 0, CounterpartRule = true };
        var dark = Harness.Merge(
            Harness.Reports(OtherMmsi, T0 + Hours(9), T0 + Hours(10), Lat, Lon + 1, everyMinutes: 5),
            Harness.Reports(OtherMmsi, T0 + Hours(13), T0 + Hours(14), Lat, Lon + 1.05, everyMinutes: 5));

        var h = Run(Harness.Merge(Pair(DprkMmsi, OtherMmsi, 1, 4), Clock(15), dark), options);

        var gaps = h.OfType("DarkPeriod").Where(a => a.Vessel.Mmsi == OtherMmsi && a.Status == "closed").ToList();
        gaps.Select(g => g.Start).Should().Contain(DateTimeOffset.FromUnixTimeMilliseconds(T0 + Hours(10)));
        gaps.Should().OnlyContain(g => g.Watchlist.Any(w => w.MatchedOn == "counterpart" && w.Mmsi == OtherMmsi));

        var without = Run(Harness.Merge(Pair(DprkMmsi, OtherMmsi, 1, 4), Clock(15), dark));
        without.OfType("DarkPeriod").Should().NotContain(a => a.Vessel.Mmsi == OtherMmsi);
    }
}
