using EDTF.Streaming.Ais;
using EDTF.Streaming.Detection.Tests.Support;
using EDTF.Streaming.Tests;
using static EDTF.Streaming.Detection.Tests.Support.Some;

namespace EDTF.Streaming.Detection.Tests.Transfer;

public class OneSideDarkTransferTests
{
    // Open sea in the Sea of Japan, far from any port and outside the high-risk areas.
    private const double Lat = 40.5;
    private const double Lon = 133.5;
    private const string Type = "ShipToShipTransferOneSideDark";

    private static readonly Lazy<PortAreas> Ports = new(() => PortAreas.Load(TestPaths.InRepo("config/ports.geojson")));

    /// <summary>A vessel that arrives at 10 kn, loiters at 0.5 kn (every 3 min) from <paramref name="fromH"/> to <paramref name="toH"/>, then leaves at 10 kn for an hour.</summary>
    private static IEnumerable<AisReport> Loiter(int mmsi, double fromH, double toH, double lat = Lat, double lon = Lon, int? shipType = 80) =>
        Harness.Merge(
            shipType is { } t ? [Static(mmsi, T0, imo: null, name: "LONE TANKER", shipType: t)] : [],
            Harness.Reports(mmsi, T0 + Hours(fromH - 0.5), T0 + Hours(fromH) - Minutes(3), lat, lon - 0.05, sog: 10, everyMinutes: 3, lonPerHour: 0.1),
            Harness.Reports(mmsi, T0 + Hours(fromH), T0 + Hours(toH), lat, lon, sog: 0.5, everyMinutes: 3),
            Harness.Reports(mmsi, T0 + Hours(toH) + Minutes(3), T0 + Hours(toH + 1), lat, lon + 0.005, sog: 10, everyMinutes: 3, lonPerHour: 0.1));

    private static IEnumerable<AisReport> Clock(double toH) => Harness.Reports(999_000_001 - 600_000_000, T0, T0 + Hours(toH), 10, 10, everyMinutes: 10);

    private static Harness Run(IEnumerable<AisReport> reports, DetectionOptions? options = null) =>
        new Harness(options, ports: Ports.Value).AddAll(reports).Complete();

    [Fact]
    public void Add_LoneTankerLoiteringThreeHours_OpensAfterTwoHoursClosesWhenUnderWay()
    {
        var h = Run(Harness.Merge(Loiter(DprkMmsi, 1, 4), Clock(8)));

        var alerts = h.OfType(Type);
        alerts.Select(a => a.Status).Should().Equal("open", "closed");
        alerts.Select(a => a.AlertId).Distinct().Should().ContainSingle().Which.Should().StartWith("sts-oneside-");
        alerts.Should().OnlyContain(a => a.Counterpart == null && a.Confidence == "low" && a.Vessel.Mmsi == DprkMmsi && a.Vessel.ShipType == 80);
        alerts[0].Start.Should().Be(AlertTime(Hours(1)));
        alerts[0].DetectedAt.Should().Be(AlertTime(Hours(3)), "the first report 2 h into the loitering");
        alerts[0].Evidence["pattern"]!.GetValue<string>().Should().Be("oneSideDark");
        alerts[0].Evidence["partnerHeard"]!.GetValue<bool>().Should().BeFalse();
        alerts[1].End.Should().Be(AlertTime(Hours(4)), "the last loitering report");
        alerts[1].Evidence["loiterHours"]!.GetValue<double>().Should().Be(3);
        alerts[1].Evidence["meanSpeedKn"]!.GetValue<double>().Should().BeApproximately(0.5, 0.001);
        h.Visible("ShipToShipTransfer").Should().BeEmpty();
        AlertSchema.AllShouldBeValid(h.Alerts);
    }

    [Fact]
    public void Contract_TransferWithoutCounterpart_IsInvalidSoOneSideDarkHasItsOwnType()
    {
        var alert = Run(Harness.Merge(Loiter(DprkMmsi, 1, 4), Clock(8))).OfType(Type)[0];

        AlertSchema.IsValid(alert).Should().BeTrue();
        AlertSchema.IsValid(alert with { Type = "ShipToShipTransfer" }).Should().BeFalse("the contract requires a counterpart object for ShipToShipTransfer");
    }

    [Fact]
    public void Add_LoiteringJustUnderTwoHours_NoAlert()
    {
        Run(Harness.Merge(Loiter(DprkMmsi, 1, 2.95), Clock(8))).OfType(Type).Should().BeEmpty();
    }

    [Fact]
    public void Add_NotATanker_NoAlert()
    {
        Run(Harness.Merge(Loiter(DprkMmsi, 1, 4, shipType: 70), Clock(8))).OfType(Type).Should().BeEmpty();
        Run(Harness.Merge(Loiter(DprkMmsi, 1, 4, shipType: null), Clock(8))).OfType(Type).Should().BeEmpty("ship type unknown");
    }

    [Fact]
    public void Add_NotOfInterest_NoAlertEvenWithScopeAll()
    {
        Run(Harness.Merge(Loiter(OtherMmsi, 1, 4), Clock(8))).OfType(Type).Should().BeEmpty();
        Run(Harness.Merge(Loiter(OtherMmsi, 1, 4), Clock(8)), new DetectionOptions { AllowedLatenessMinutes = 0, Scope = "all" }).OfType(Type).Should().BeEmpty();
    }

    [Fact]
    public void Add_LoiteringInsideAPort_NoAlert()
    {
        Run(Harness.Merge(Loiter(DprkMmsi, 1, 4, lat: 43.10, lon: 131.90), Clock(8))).OfType(Type).Should().BeEmpty();
    }

    [Fact]
    public void Add_PartnerHeardAlongside_VisibleTransferOnly()
    {
        var partner = Harness.Reports(OtherMmsi, T0 + Hours(1) + Minutes(1.5), T0 + Hours(4), Lat + 0.0018, Lon, sog: 0.5, everyMinutes: 3);

        var h = Run(Harness.Merge(Loiter(DprkMmsi, 1, 4), partner, Clock(8)));

        h.OfType(Type).Should().BeEmpty();
        h.Visible("ShipToShipTransfer").Should().NotBeEmpty();
    }

    [Fact]
    public void Add_PartnerArrivesAfterThreeHoursAlone_OneSideAlertClosesAndVisibleTransferTakesOver()
    {
        var partner = Harness.Reports(OtherMmsi, T0 + Hours(4) + Minutes(1.5), T0 + Hours(6), Lat + 0.0018, Lon, sog: 0.5, everyMinutes: 3);

        var h = Run(Harness.Merge(Loiter(DprkMmsi, 1, 6), partner, Clock(12)));

        var alerts = h.OfType(Type);
        alerts.Select(a => a.Status).Should().Equal("open", "closed");
        alerts[1].Evidence["partnerHeard"]!.GetValue<bool>().Should().BeTrue();
        alerts[1].End!.Value.Should().BeCloseTo(AlertTime(Hours(4) + Minutes(1.5)), TimeSpan.FromMinutes(3));
        h.Visible("ShipToShipTransfer").Should().NotBeEmpty();
    }

    [Fact]
    public void Add_SilenceOfAnHourWhileLoitering_RunRestarts()
    {
        // Loiters 1.5 h, silent 1 h, loiters 1.5 h: no run reaches 2 h.
        var reports = Harness.Merge(
            [Static(DprkMmsi, T0, shipType: 80)],
            Harness.Reports(DprkMmsi, T0 + Hours(1), T0 + Hours(2.5), Lat, Lon, sog: 0.5, everyMinutes: 3),
            Harness.Reports(DprkMmsi, T0 + Hours(3.5), T0 + Hours(5), Lat, Lon, sog: 0.5, everyMinutes: 3),
            Clock(8));

        Run(reports).OfType(Type).Should().BeEmpty();
    }

    [Fact]
    public void Add_SameInputTwice_IdenticalAlerts()
    {
        static List<string> Once() => Run(Harness.Merge(Loiter(DprkMmsi, 1, 4), Clock(8))).Alerts.Select(AlertJson.Serialize).ToList();

        Once().Should().Equal(Once());
    }

    [Fact]
    public void Add_OneSideDarkDisabled_NoAlert()
    {
        var options = new DetectionOptions { AllowedLatenessMinutes = 0, Transfer = { OneSideDarkEnabled = false } };

        Run(Harness.Merge(Loiter(DprkMmsi, 1, 4), Clock(8)), options).OfType(Type).Should().BeEmpty();
    }

    private static DateTimeOffset AlertTime(long offsetMs) => DateTimeOffset.FromUnixTimeMilliseconds(T0 + offsetMs);
}
