using EDTF.Streaming.Ais;
using EDTF.Streaming.Detection.Tests.Support;
using EDTF.Streaming.Tests;
using static EDTF.Streaming.Detection.Tests.Support.Some;

namespace EDTF.Streaming.Detection.Tests.PortCalls;

public class PortCallTests
{
    // Vostochny's area spans about 42.715-42.823 N, 132.969-133.12 E.
    private const double BerthLat = 42.76;
    private const double BerthLon = 133.05;
    private const double SeaLat = 42.55;

    private static readonly Lazy<PortAreas> Ports = new(() => PortAreas.Load(TestPaths.InRepo("config/ports.geojson")));

    private static AisReport At(int mmsi, double hours, double lat, double lon, double sog) => Position(mmsi, T0 + Hours(hours), lat, lon, sog);

    /// <summary>Approach from the south at 8 kn, berth with the given speed for <paramref name="dwellH"/> hours, leave south.</summary>
    internal static IEnumerable<AisReport> Call(int mmsi, double dwellH, double berthSog = 0.0, double lat = BerthLat, double lon = BerthLon, double seaLat = SeaLat)
    {
        for (var i = 0; i <= 10; i++)
        {
            yield return At(mmsi, i * 0.1, seaLat + ((lat - seaLat) * i / 10), lon, 8);
        }

        for (var t = 1.05; t <= 1 + dwellH; t += 0.05)
        {
            yield return At(mmsi, t, lat, lon, berthSog);
        }

        for (var i = 1; i <= 10; i++)
        {
            yield return At(mmsi, 1 + dwellH + (i * 0.1), lat - ((lat - seaLat) * i / 10), lon, 8);
        }
    }

    private static Harness Run(IEnumerable<AisReport> reports, DetectionOptions? options = null) =>
        new Harness(options, ports: Ports.Value).AddAll(reports).Complete();

    [Fact]
    public void Add_DprkTankerStopsAtVostochny_OpenOnArrivalClosedOnDepartureWithDwellAndDraught()
    {
        var reports = Call(DprkMmsi, dwellH: 10)
            .Prepend(Static(DprkMmsi, T0, imo: 8106496, name: "SAM MA 2", shipType: 80, draught: 5.0))
            .Append(Static(DprkMmsi, T0 + Hours(10.9), draught: 9.5))
            .OrderBy(r => r.EventTimeMs);

        var alerts = Run(reports).OfType("PortCall");

        alerts.Select(a => a.Status).Should().Equal("open", "closed");
        var closed = alerts[1];
        closed.Port!.Name.Should().Be("Vostochny");
        closed.Port.Country.Should().Be("RU");
        closed.Port.Locode.Should().Be("RUVYP");
        closed.Evidence["dwellHours"]!.GetValue<double>().Should().BeGreaterThan(10);
        closed.Evidence["draughtBefore"]!.GetValue<double>().Should().Be(5.0);
        closed.Evidence["draughtAfter"]!.GetValue<double>().Should().Be(9.5);
        closed.Evidence["draughtChangeM"]!.GetValue<double>().Should().Be(4.5);
        closed.Confidence.Should().Be("high");
        alerts[0].Start.Should().Be(closed.Start);
        alerts[0].DetectedAt.Should().BeAfter(alerts[0].Start);
        AlertSchema.AllShouldBeValid(alerts);
    }

    [Fact]
    public void Add_PassesThroughPortWithoutStopping_NoCall()
    {
        Run(Call(DprkMmsi, dwellH: 0.5, berthSog: 6)).OfType("PortCall").Should().BeEmpty();
    }

    [Fact]
    public void Add_SlowButNotStopped_NoCallUntilBelowStopSpeed()
    {
        Run(Call(DprkMmsi, dwellH: 3, berthSog: 0.3)).OfType("PortCall").Should().BeEmpty();
        Run(Call(DprkMmsi, dwellH: 3, berthSog: 0.1)).OfType("PortCall").Should().HaveCount(2);
    }

    [Fact]
    public void Add_StopsAtDprkPort_PortCallAtNampo()
    {
        var alerts = Run(Call(DprkMmsi, dwellH: 10, lat: 38.716667, lon: 125.4, seaLat: 38.5)).OfType("PortCall");

        alerts.Select(a => a.Status).Should().Equal(["open", "closed"], "DPRK ports raise port-call alerts like the Russian ones");
        alerts[1].Port!.Name.Should().Be("Nampo");
        alerts[1].Port!.Country.Should().Be("KP");
    }

    [Fact]
    public void Add_ForeignVesselStopsAtDprkPort_OfInterestForTheCallAndAfter()
    {
        var reports = Call(OtherMmsi, dwellH: 10, lat: 38.716667, lon: 125.4, seaLat: 38.5)
            .Concat(Call(OtherMmsi, dwellH: 5).Select(r => r with { EventTimeMs = r.EventTimeMs + Hours(48) }));

        var alerts = Run(reports).OfType("PortCall");

        alerts.Select(a => a.Port!.Name).Should().Equal(["Nampo", "Nampo", "Vostochny", "Vostochny"],
            "a vessel of any flag that calls at a DPRK port is of interest for that call and the next 180 days");
        alerts.Should().OnlyContain(a => a.Watchlist.Any(w => w.MatchedOn == "dprkPortCall" && w.Entry == "port call at Nampo"));
        AlertSchema.AllShouldBeValid(alerts);
    }

    [Fact]
    public void Add_ForeignVesselCallsAtDprkPortWithInterestDaysZero_NoLaterCalls()
    {
        var options = new DetectionOptions { AllowedLatenessMinutes = 0, PortCall = { InterestDays = 0 } };
        var reports = Call(OtherMmsi, dwellH: 10, lat: 38.716667, lon: 125.4, seaLat: 38.5)
            .Concat(Call(OtherMmsi, dwellH: 5).Select(r => r with { EventTimeMs = r.EventTimeMs + Hours(48) }));

        Run(reports, options).OfType("PortCall").Should().NotContain(a => a.Port!.Name == "Vostochny", "the interest lasts InterestDays after the call");
    }

    [Fact]
    public void Add_NotOfInterest_OnlyUnderScopeAll()
    {
        Run(Call(OtherMmsi, dwellH: 5)).OfType("PortCall").Should().BeEmpty();
        Run(Call(OtherMmsi, dwellH: 5), new DetectionOptions { AllowedLatenessMinutes = 0, Scope = "all" }).OfType("PortCall").Should().HaveCount(2);
    }

    [Fact]
    public void Add_WandersJustOutsideAreaAndBack_NoDepartureWithinMargin()
    {
        // Vostochny's south edge is 42.715 N: 0.5 km outside is about 42.7105, 1.5 km outside about 42.7015.
        var reports = new List<AisReport>();
        reports.AddRange(Call(DprkMmsi, dwellH: 2).Where(r => r.EventTimeMs <= T0 + Hours(3)));
        reports.Add(At(DprkMmsi, 3.1, 42.7105, BerthLon, 0.6));
        reports.Add(At(DprkMmsi, 3.2, 42.72, BerthLon, 0.1));
        reports.Add(At(DprkMmsi, 3.3, 42.7015, BerthLon, 3));
        reports.Add(At(DprkMmsi, 3.4, 42.60, BerthLon, 8));

        var alerts = Run(reports).OfType("PortCall");

        alerts.Select(a => a.Status).Should().Equal("open", "closed");
        alerts[1].End.Should().Be(DateTimeOffset.FromUnixTimeMilliseconds(T0 + Hours(3.3)));
    }

    [Fact]
    public void Add_SilentInsidePort_CountsAsCall()
    {
        var reports = new List<AisReport>();
        for (var i = 0; i <= 10; i++)
        {
            reports.Add(At(DprkMmsi, i * 0.1, SeaLat + ((BerthLat - SeaLat) * i / 10), BerthLon, 6));
        }

        // Dark inside the port for five hours (never reported a stop), reappears leaving.
        reports.Add(At(DprkMmsi, 6, 42.70, BerthLon, 6));
        reports.Add(At(DprkMmsi, 6.2, 42.60, BerthLon, 6));
        reports.AddRange(Harness.Reports(OtherMmsi, T0, T0 + Hours(7), 41, 135, everyMinutes: 10));

        var alerts = Run(reports.OrderBy(r => r.EventTimeMs)).OfType("PortCall");

        alerts.Select(a => a.Status).Should().Equal("open", "closed");
        alerts[0].Evidence["established"]!.GetValue<string>().Should().Be("silence in port");
        alerts[0].DetectedAt.Should().Be(DateTimeOffset.FromUnixTimeMilliseconds(T0 + Hours(2)));
    }
}
