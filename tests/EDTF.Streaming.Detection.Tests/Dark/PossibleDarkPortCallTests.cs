using EDTF.Streaming.Ais;
using EDTF.Streaming.Detection.Tests.Support;
using EDTF.Streaming.Tests;
using static EDTF.Streaming.Detection.Tests.Support.Some;

namespace EDTF.Streaming.Detection.Tests.Dark;

public class PossibleDarkPortCallTests
{
    // Vostochny's area spans about 42.715-42.823 N, 132.969-133.12 E; these points are about 3 km south of it.
    private const double OffVostochnyLat = 42.69;
    private const double OffVostochnyLon = 133.08;

    private static readonly Lazy<PortAreas> Ports = new(() => PortAreas.Load(TestPaths.InRepo("config/ports.geojson")));

    /// <summary>A vessel at 8 kn heard at (lat0, lon0) until 1 h, dark until 1 h + <paramref name="gapHours"/>, then heard at (lat1, lon1) for an hour; a far neighbour keeps the clock going.</summary>
    private static Harness Gap(double lat0, double lon0, double lat1, double lon1, double gapHours, int mmsi = DprkMmsi, double sog = 8, DetectionOptions? options = null)
    {
        var end = 1 + gapHours;
        var reports = Harness.Merge(
            Harness.Reports(mmsi, T0, T0 + Hours(1), lat0, lon0, sog, everyMinutes: 10),
            Harness.Reports(mmsi, T0 + Hours(end), T0 + Hours(end + 1), lat1, lon1, sog, everyMinutes: 10),
            Harness.Reports(ThirdMmsi, T0, T0 + Hours(end + 2), 30, 150, 12, everyMinutes: 10));
        return new Harness(options, ports: Ports.Value).AddAll(reports).Complete();
    }

    [Fact]
    public void Close_GapStartsAndEndsNearVostochny_PossibleDarkPortCall()
    {
        var h = Gap(OffVostochnyLat, OffVostochnyLon, OffVostochnyLat, OffVostochnyLon + 0.02, gapHours: 6);

        var call = h.OfPattern("possibleDarkPortCall").Should().ContainSingle().Subject;
        var dark = h.OfType("DarkPeriod").Single(a => a.Status == "closed");
        call.Type.Should().Be("PortCall");
        call.Status.Should().Be("closed");
        call.Port!.Name.Should().Be("Vostochny");
        call.Port.Country.Should().Be("RU");
        call.Confidence.Should().Be("low");
        call.Start.Should().Be(dark.Start);
        call.End.Should().Be(dark.End);
        call.AlertId.Should().StartWith("port-").And.NotBe(dark.AlertId).And.NotBe(Alerts.AlertIds.For("PortCall", DprkMmsi, T0 + Hours(1)));
        call.Evidence["match"]!.GetValue<string>().Should().Be("samePort");
        call.Evidence["darkPeriodAlertId"]!.GetValue<string>().Should().Be(dark.AlertId);
        call.Evidence["startDistanceKm"]!.GetValue<double>().Should().BeInRange(0.1, 5);
        call.Evidence["endDistanceKm"]!.GetValue<double>().Should().BeInRange(0.1, 5);
        call.Evidence["unexplainedHours"]!.GetValue<double>().Should().BeGreaterThan(5.8);
        h.Visible("PortCall").Should().BeEmpty("the vessel never reported inside the port area");
        AlertSchema.AllShouldBeValid(h.Alerts);
    }

    [Fact]
    public void Close_StraightLinePassesVanino_PossibleDarkPortCall()
    {
        // Vanino / Sovetskaya Gavan spans about 48.92-49.13 N, 140.2-140.37 E: west and east ends are 14-17 km outside it.
        var h = Gap(49.02, 140.0, 49.02, 140.6, gapHours: 8);

        var call = h.OfPattern("possibleDarkPortCall").Should().ContainSingle().Subject;
        call.Port!.Name.Should().StartWith("Vanino");
        call.Evidence["match"]!.GetValue<string>().Should().Be("linePassesPort");
        call.Evidence["closestApproachKm"]!.GetValue<double>().Should().Be(0);
        call.Evidence["startDistanceKm"]!.GetValue<double>().Should().BeGreaterThan(5, "neither end is near the port");
        call.Evidence["endDistanceKm"].Should().BeNull("no port area lies within 15 km of the east end");
        AlertSchema.AllShouldBeValid(h.Alerts);
    }

    [Theory]
    [InlineData(48.89, 1)] // about 3.3 km south of the area
    [InlineData(48.86, 0)] // about 6.7 km south
    public void Close_StraightLinePassingSouthOfVanino_OnlyWithinNearDistance(double lat, int expected)
    {
        Gap(lat, 140.0, lat, 140.6, gapHours: 8).OfPattern("possibleDarkPortCall").Should().HaveCount(expected);
    }

    [Fact]
    public void Close_StraightLinePassesVaninoButTimeExplainedBySailing_NoAlert()
    {
        // 44 km at 8 kn takes about 3 h: a 4 h gap leaves about 1 h unexplained, below the 3 h minimum.
        Gap(49.02, 140.0, 49.02, 140.6, gapHours: 4).OfPattern("possibleDarkPortCall").Should().BeEmpty();
    }

    [Theory]
    [InlineData(6)]
    [InlineData(14)]
    public void Close_GapStartsNearVostochnyAndEndsFarAway_NoAlert(double gapHours)
    {
        // 47 nm south: at 8 kn about 6 h; with 14 h the unexplained time is large, but a gap near a port at one end only is a departure.
        var h = Gap(OffVostochnyLat, OffVostochnyLon, OffVostochnyLat - 0.78, OffVostochnyLon, gapHours);

        h.OfPattern("possibleDarkPortCall").Should().BeEmpty();
        h.OfType("DarkPeriod").Should().NotBeEmpty();
    }

    [Fact]
    public void Close_NearVostochnyShortGap_NoAlert()
    {
        // 2.5 h of silence: less than the 3 h of unexplained time a call needs.
        Gap(OffVostochnyLat, OffVostochnyLon, OffVostochnyLat, OffVostochnyLon + 0.02, gapHours: 2.5).OfPattern("possibleDarkPortCall").Should().BeEmpty();
    }

    [Fact]
    public void Close_NotOfInterest_NoAlertEvenWithScopeAll()
    {
        Gap(OffVostochnyLat, OffVostochnyLon, OffVostochnyLat, OffVostochnyLon + 0.02, gapHours: 8, mmsi: OtherMmsi)
            .OfPattern("possibleDarkPortCall").Should().BeEmpty();
        Gap(OffVostochnyLat, OffVostochnyLon, OffVostochnyLat, OffVostochnyLon + 0.02, gapHours: 8, mmsi: OtherMmsi, options: new DetectionOptions { AllowedLatenessMinutes = 0, Scope = "all" })
            .OfPattern("possibleDarkPortCall").Should().BeEmpty();
    }

    [Fact]
    public void Close_SilenceInsideThePort_VisibleCallOnly()
    {
        var h = Gap(42.76, 133.05, 42.76, 133.05, gapHours: 6, sog: 0);

        h.Visible("PortCall").Should().NotBeEmpty();
        h.OfPattern("possibleDarkPortCall").Should().BeEmpty();
    }

    [Fact]
    public void Close_GapNearANonRussianPort_NoAlert()
    {
        // Busan (KR) spans about 35.003-35.147 N, 128.947-129.153 E.
        Gap(34.98, 129.05, 34.98, 129.07, gapHours: 6).OfPattern("possibleDarkPortCall").Should().BeEmpty();
    }

    [Fact]
    public void Close_SameInputTwice_IdenticalAlerts()
    {
        static List<string> Once() => Gap(OffVostochnyLat, OffVostochnyLon, OffVostochnyLat, OffVostochnyLon + 0.02, gapHours: 6).Alerts.Select(AlertJson.Serialize).ToList();

        Once().Should().Equal(Once());
    }
}
