using EDTF.Streaming.Ais;
using EDTF.Streaming.Detection.Tests.Support;
using static EDTF.Streaming.Detection.Tests.Support.Some;

namespace EDTF.Streaming.Detection.Tests.Dark;

public class ReceptionConfidenceTests
{
    private const double Lat = 38.5;
    private const double Lon = 124.5;
    private const string Shore = "shore-1";
    private const string Satellite = "sat-1";

    /// <summary>Vessels moored at <paramref name="lons"/> along <see cref="Lat"/>, heard by <paramref name="station"/> every 5 minutes: the station's footprint and the clock.</summary>
    private static IEnumerable<AisReport> Moored(string station, long fromMs, long toMs, params double[] lons) =>
        lons.SelectMany((lon, i) => Heard(station, Harness.Reports(ThirdMmsi + i, fromMs, toMs, Lat, lon, sog: 0, everyMinutes: 5)));

    private static IEnumerable<AisReport> Heard(string station, IEnumerable<AisReport> reports) => reports.Select(r => r with { Source = station });

    private static AlertUpdate LastDark(Harness h) => h.OfType("DarkPeriod").Last();

    [Fact]
    public void Dark_VesselSailsOutOfShoreFootprint_LowWithLeftCoverage()
    {
        // The DPRK vessel sails east at about 9 kn through the footprint (124.5-124.8 E) and is last heard at its eastern edge.
        var subject = Heard(Shore, Harness.Reports(DprkMmsi, T0, T0 + Hours(1.5), Lat, Lon, sog: 9, everyMinutes: 10, lonPerHour: 0.2));

        var h = new Harness().AddAll(Harness.Merge(subject, Moored(Shore, T0, T0 + Hours(12), 124.5, 124.6, 124.7, 124.8))).Complete();

        var dark = LastDark(h);
        dark.Confidence.Should().Be("low", "the vessel was last heard at the footprint's edge heading out of it");
        dark.Evidence["leftCoverage"]!.GetValue<bool>().Should().BeTrue();
        dark.Evidence["sourceSilent"]!.GetValue<bool>().Should().BeFalse("the station kept hearing the moored vessels");
        dark.Evidence["station"]!.GetValue<string>().Should().Be(Shore);
    }

    [Fact]
    public void Dark_ReceiverOffForADay_LowWithSourceSilentAndAreaUnheard()
    {
        // Nobody in the area is heard from 4 h to 28 h: the receiver was off. Back on, it hears the moored vessels for 6 h before the
        // DPRK vessel (which never moved) reports again: enough positions for the 1-degree count to call the cell covered.
        var before = Harness.Merge(Heard(Shore, Harness.Reports(DprkMmsi, T0, T0 + Hours(4), Lat, Lon, sog: 0)), Moored(Shore, T0, T0 + Hours(4), 124.55, 124.6));
        var after = Harness.Merge(Heard(Shore, Harness.Reports(DprkMmsi, T0 + Hours(34), T0 + Hours(36), Lat, Lon, sog: 0)), Moored(Shore, T0 + Hours(28), T0 + Hours(36), 124.55, 124.6));

        var h = new Harness().AddAll(before.Concat(after)).Complete();

        var closed = h.OfType("DarkPeriod").Single(a => a.Status == "closed");
        closed.Evidence["coverage"]!["neighboursHeard"]!.GetValue<bool>().Should().BeTrue("the positions after the outage are enough for the old count");
        closed.Confidence.Should().Be("low", "nobody was heard in the area for most of the gap");
        closed.Evidence["sourceSilent"]!.GetValue<bool>().Should().BeTrue();
        closed.Evidence["areaUnheardShare"]!.GetValue<double>().Should().BeGreaterThan(0.75);
    }

    [Fact]
    public void Dark_VesselSilentInsideWellHeardArea_StaysHigh()
    {
        // Neighbours are heard all along, ahead of and around the DPRK vessel, which goes quiet for 7 h while moving slowly east.
        var subject = Heard(Shore, Harness.Merge(
            Harness.Reports(DprkMmsi, T0, T0 + Hours(1), Lat, Lon, sog: 3, lonPerHour: 0.05),
            Harness.Reports(DprkMmsi, T0 + Hours(8), T0 + Hours(9), Lat, Lon + 0.1, sog: 3, lonPerHour: 0.05)));

        var h = new Harness().AddAll(Harness.Merge(subject, Moored(Shore, T0, T0 + Hours(10), 124.4, 124.6, 124.9, 125.2))).Complete();

        var closed = h.OfType("DarkPeriod").Single(a => a.Status == "closed");
        closed.Confidence.Should().Be("high", "the area was heard every hour while the vessel was not");
        closed.Evidence["leftCoverage"]!.GetValue<bool>().Should().BeFalse();
        closed.Evidence["sourceSilent"]!.GetValue<bool>().Should().BeFalse();
        closed.Evidence["areaUnheardShare"]!.GetValue<double>().Should().Be(0);
    }

    [Fact]
    public void Dark_AreaHeardOnlyOnSatellitePassesSharingItsDegreeCellWithShore_Low()
    {
        // Shore reception fills the south-west of the 1-degree cell; the north-east corner is heard only on passes every 6 h.
        var shore = Harness.Reports(ThirdMmsi, T0, T0 + Hours(14), 38.1, 124.1, sog: 0, everyMinutes: 5).Select(r => r with { Source = Shore });
        var passes = new[] { 0, 6, 12 }.SelectMany(pass => Heard(Satellite, Harness.Merge(
            Harness.Reports(DprkMmsi, T0 + Hours(pass), T0 + Hours(pass) + Minutes(10), 38.9, 124.9, sog: 0, everyMinutes: 2),
            Harness.Reports(ThirdMmsi + 1, T0 + Hours(pass), T0 + Hours(pass) + Minutes(10), 38.95, 124.85, sog: 0, everyMinutes: 2))));

        var h = new Harness().AddAll(Harness.Merge(shore, passes)).Complete();

        var closed = h.OfType("DarkPeriod").First(a => a.Status == "closed");
        closed.Evidence["coverage"]!["neighboursHeard"]!.GetValue<bool>().Should().BeTrue("the 1-degree cell is covered by the shore station");
        closed.Evidence["areaUnheardShare"]!.GetValue<double>().Should().BeGreaterThan(0.5);
        closed.Confidence.Should().Be("low", "the vessel's own area was heard only on the passes");
    }

    [Fact]
    public void DarkDark_TankersDarkTogetherInAreaHeardOnlyOnPasses_Low()
    {
        // As above: the 1-degree cell is covered from the shore, the tankers' own area only on the passes at 0 h and 12 h.
        var shore = Harness.Reports(ThirdMmsi, T0, T0 + Hours(14), 38.1, 124.1, sog: 0, everyMinutes: 5).Select(r => r with { Source = Shore });
        var passes = new[] { 0, 12 }.SelectMany(pass => Heard(Satellite, Harness.Merge(
            Harness.Reports(DprkMmsi, T0 + Hours(pass), T0 + Hours(pass) + Minutes(10), 38.9, 124.9, sog: 0, everyMinutes: 2),
            Harness.Reports(OtherMmsi, T0 + Hours(pass), T0 + Hours(pass) + Minutes(10), 38.9, 124.92, sog: 0, everyMinutes: 2))));

        var h = new Harness().AddAll(Harness.Merge(shore, passes, [Static(OtherMmsi, T0, shipType: 80)])).Complete();

        var pair = h.OfPattern("darkDark").Should().NotBeEmpty().And.Subject.First();
        pair.Evidence["coverage"]!["neighboursHeard"]!.GetValue<bool>().Should().BeTrue("the 1-degree count alone would have said medium");
        pair.Evidence["areaUnheardShare"]!.GetValue<double>().Should().BeGreaterThan(0.5);
        pair.Confidence.Should().Be("low", "two silences where nobody could be heard are not evidence of a meeting");
    }
}
