using EDTF.Streaming.Ais;
using EDTF.Streaming.Detection.Tests.Support;
using EDTF.Streaming.Tests;
using static EDTF.Streaming.Detection.Tests.Support.Some;

namespace EDTF.Streaming.Detection.Tests.Dark;

public class DarkDarkTransferTests
{
    // Open sea in the Sea of Japan, far from any port and outside the high-risk areas.
    private const double Lat = 40.5;
    private const double Lon = 133.5;
    private const double LonDegreesPerNm = 1 / (60 * 0.7604); // cos(40.5 N)

    private static readonly Lazy<PortAreas> Ports = new(() => PortAreas.Load(TestPaths.InRepo("config/ports.geojson")));

    /// <summary>A vessel under way at 8 kn (never "slow"), heard until <paramref name="darkFromH"/>, dark until <paramref name="darkToH"/>, heard again until 12 h.</summary>
    private static IEnumerable<AisReport> Dark(int mmsi, double darkFromH, double darkToH, double lat = Lat, double lon = Lon) =>
        Harness.Merge(
            Harness.Reports(mmsi, T0, T0 + Hours(darkFromH), lat, lon, sog: 8, everyMinutes: 5),
            Harness.Reports(mmsi, T0 + Hours(darkToH), T0 + Hours(12), lat + 0.02, lon, sog: 8, everyMinutes: 5));

    /// <summary>Another vessel in the same 1-degree cell, heard all along (coverage, and the event-time clock).</summary>
    private static IEnumerable<AisReport> Neighbour() => Harness.Reports(ThirdMmsi, T0, T0 + Hours(12), Lat + 0.4, Lon + 0.4, sog: 12, everyMinutes: 5);

    private static Harness Run(IEnumerable<AisReport> reports, DetectionOptions? options = null, PortAreas? ports = null) =>
        new Harness(options, ports: ports ?? Ports.Value).AddAll(reports).Complete();

    private static Harness Pair(double aFrom, double aTo, double bFrom, double bTo, double apartNm = 2, int a = DprkMmsi, int b = OtherMmsi,
        DetectionOptions? options = null, double lat = Lat, double lon = Lon, IEnumerable<AisReport>? extra = null) =>
        Run(Harness.Merge(Dark(a, aFrom, aTo, lat, lon), Dark(b, bFrom, bTo, lat, lon + (apartNm * LonDegreesPerNm)), Neighbour(), extra ?? []), options);

    [Fact]
    public void Add_DarkTogetherFiveAndAHalfHours_OpensWhileBothDarkClosesWhenTheLaterReappears()
    {
        var h = Pair(aFrom: 1, aTo: 7, bFrom: 1.5, bTo: 8);

        var alerts = h.OfPattern("darkDark");
        alerts.Select(x => x.Status).Should().Equal("open", "closed");
        alerts.Select(x => x.AlertId).Distinct().Should().ContainSingle();
        alerts.Should().OnlyContain(x => x.Type == "ShipToShipTransfer" && x.Vessel.Mmsi == DprkMmsi && x.Counterpart!.Mmsi == OtherMmsi);
        var open = alerts[0];
        open.Start.Should().Be(AlertTime(Hours(1.5)), "the overlap begins when the second vessel goes dark");
        open.DetectedAt.Should().Be(AlertTime(Hours(5.5)), "opens when the overlap passes 4 h, while both are still dark");
        open.End.Should().BeNull();
        open.Evidence["overlapHours"]!.GetValue<double>().Should().Be(4);
        open.Evidence["gaps"]!.AsArray().Select(g => g!["end"]).Should().OnlyContain(e => e == null);
        var closed = alerts[1];
        closed.End.Should().Be(AlertTime(Hours(8)));
        closed.DetectedAt.Should().Be(AlertTime(Hours(8)));
        closed.Evidence["overlapHours"]!.GetValue<double>().Should().Be(5.5);
        closed.Evidence["lastPositionsDistanceNm"]!.GetValue<double>().Should().BeApproximately(2, 0.01);
        closed.Evidence["gaps"]!.AsArray().Select(g => (g!["mmsi"]!.GetValue<int>(), g["gapHours"]!.GetValue<double>()))
            .Should().BeEquivalentTo([(DprkMmsi, 6.0), (OtherMmsi, 6.5)]);
        closed.Confidence.Should().Be("low", "neither is a tanker");
        AlertSchema.AllShouldBeValid(h.Alerts);
    }

    [Fact]
    public void Add_DarkDark_IdDiffersFromAVisibleTransferOfTheSamePairAndStart()
    {
        var id = Pair(aFrom: 1, aTo: 7, bFrom: 1.5, bTo: 8).OfPattern("darkDark")[0].AlertId;

        id.Should().StartWith("sts-").And.NotBe(Alerts.AlertIds.ForPair("ShipToShipTransfer", DprkMmsi, OtherMmsi, T0 + Hours(1.5)));
    }

    [Fact]
    public void Add_OverlapThreeAndAHalfHours_NoDarkDark()
    {
        var h = Pair(aFrom: 1, aTo: 4.5, bFrom: 1, bTo: 6);

        h.OfPattern("darkDark").Should().BeEmpty();
        h.OfType("DarkPeriod").Should().NotBeEmpty("the DPRK vessel's own dark period is still alerted");
    }

    [Fact]
    public void Add_OverlapExactlyFourHours_NoDarkDark()
    {
        Pair(aFrom: 1, aTo: 5, bFrom: 1, bTo: 8).OfPattern("darkDark").Should().BeEmpty("the overlap must be more than 4 h");
    }

    [Fact]
    public void Add_OverlapJustOverFourHours_DarkDark()
    {
        Pair(aFrom: 1, aTo: 5 + (5 / 60.0), bFrom: 1, bTo: 8).OfPattern("darkDark").Should().HaveCount(2);
    }

    [Theory]
    [InlineData(4.8, 2)]
    [InlineData(6, 0)]
    public void Add_LastPositionsAroundFiveNm_OnlyWithin(double apartNm, int expected)
    {
        Pair(aFrom: 1, aTo: 7, bFrom: 1.5, bTo: 8, apartNm: apartNm).OfPattern("darkDark").Should().HaveCount(expected);
    }

    [Fact]
    public void Add_NeitherOfInterest_NoDarkDarkEvenWithScopeAll()
    {
        Pair(aFrom: 1, aTo: 7, bFrom: 1.5, bTo: 8, a: OtherMmsi + 1, b: OtherMmsi).OfPattern("darkDark").Should().BeEmpty();

        var all = Pair(aFrom: 1, aTo: 7, bFrom: 1.5, bTo: 8, a: OtherMmsi + 1, b: OtherMmsi, options: new DetectionOptions { AllowedLatenessMinutes = 0, Scope = "all" });
        all.OfPattern("darkDark").Should().BeEmpty();
        all.OfType("DarkPeriod").Should().NotBeEmpty("scope all still shows their 6 h dark periods");
    }

    [Fact]
    public void Add_LowerMmsiNotOfInterest_SubjectIsTheVesselOfInterest()
    {
        var alerts = Pair(aFrom: 1, aTo: 7, bFrom: 1.5, bTo: 8, a: OtherMmsi, b: DprkMmsi).OfPattern("darkDark");

        alerts.Should().HaveCount(2).And.OnlyContain(x => x.Vessel.Mmsi == DprkMmsi && x.Counterpart!.Mmsi == OtherMmsi);
    }

    [Fact]
    public void Add_BothDarkInARussianPort_NoDarkDark()
    {
        Pair(aFrom: 1, aTo: 7, bFrom: 1.5, bTo: 8, apartNm: 0.1, lat: 43.10, lon: 131.90).OfPattern("darkDark").Should().BeEmpty();
    }

    [Fact]
    public void Add_TankerInCoveredArea_MediumConfidence()
    {
        var tanker = new[] { Static(OtherMmsi, T0, shipType: 80) };

        Pair(aFrom: 1, aTo: 7, bFrom: 1.5, bTo: 8, extra: tanker).OfPattern("darkDark")
            .Should().OnlyContain(x => x.Confidence == "medium" && x.Evidence["tanker"]!.GetValue<bool>());
    }

    [Fact]
    public void Add_BothStillDarkAtEndOfInput_StaysOpen()
    {
        var h = Run(Harness.Merge(
            Harness.Reports(DprkMmsi, T0, T0 + Hours(1), Lat, Lon, sog: 8),
            Harness.Reports(OtherMmsi, T0, T0 + Hours(1), Lat, Lon + 0.01, sog: 8),
            Neighbour()));

        h.OfPattern("darkDark").Should().ContainSingle().Which.Status.Should().Be("open");
    }

    [Fact]
    public void Add_VesselForgottenWhileDarkThenBackAndDarkAgain_PairedWithItsNewDarkPeriod()
    {
        // The other vessel goes dark 60 nm away, is forgotten after 168 h idle, comes back beside the DPRK vessel and both go dark.
        var reports = Harness.Merge(
            Harness.Reports(OtherMmsi, T0, T0 + Hours(1), Lat - 1, Lon, sog: 8, everyMinutes: 10),
            Harness.Reports(OtherMmsi, T0 + Hours(200), T0 + Hours(201), Lat, Lon + 0.03, sog: 8, everyMinutes: 10),
            Harness.Reports(DprkMmsi, T0 + Hours(200), T0 + Hours(201), Lat, Lon, sog: 8, everyMinutes: 10),
            Harness.Reports(DprkMmsi, T0 + Hours(208), T0 + Hours(209), Lat, Lon + 0.05, sog: 8, everyMinutes: 10),
            Harness.Reports(ThirdMmsi, T0, T0 + Hours(210), Lat + 0.4, Lon + 0.4, sog: 12, everyMinutes: 10));

        var h = Run(reports);

        h.Pipeline.Statistics.VesselsTracked.Should().BeGreaterThan(0);
        h.OfPattern("darkDark").Should().ContainSingle().Which.Start.Should().Be(AlertTime(Hours(201)));
    }

    [Fact]
    public void Add_SameInputTwice_IdenticalAlerts()
    {
        static List<string> Once() => Pair(aFrom: 1, aTo: 7, bFrom: 1.5, bTo: 8).Alerts.Select(AlertJson.Serialize).ToList();

        Once().Should().Equal(Once());
    }

    [Fact]
    public void Add_DarkDarkDisabled_NoDarkDark()
    {
        var options = new DetectionOptions { AllowedLatenessMinutes = 0, Transfer = { DarkDarkEnabled = false } };

        Pair(aFrom: 1, aTo: 7, bFrom: 1.5, bTo: 8, options: options).OfPattern("darkDark").Should().BeEmpty();
    }

    private static DateTimeOffset AlertTime(long offsetMs) => DateTimeOffset.FromUnixTimeMilliseconds(T0 + offsetMs);
}
