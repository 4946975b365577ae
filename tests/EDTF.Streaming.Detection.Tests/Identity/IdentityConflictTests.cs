using EDTF.Streaming.Ais;
using EDTF.Streaming.Detection.Tests.Support;
using static EDTF.Streaming.Detection.Tests.Support.Some;

namespace EDTF.Streaming.Detection.Tests.Identity;

public class IdentityConflictTests
{
    private const double Lat = 38.5;
    private const double Lon = 124.5;
    private const double CloneLat = Lat + 5; // 300 nm north

    [Fact]
    public void Add_WatchListedMmsiClonedFarAway_ConflictOpensThenClosesWhenCloneStops()
    {
        var h = Cloned(cloneEveryMinutes: 10);

        var alerts = h.OfType("IdentityConflict");
        alerts.Select(a => a.Status).Should().Equal(["open", "closed"], "open while both transmit, closed once the clone has been silent an hour");
        alerts[0].AlertId.Should().Be(alerts[1].AlertId);
        alerts[0].Start.Should().Be(AlertTime(Hours(1) + Minutes(5)), "the first report from the second place");
        alerts[0].End.Should().BeNull();
        alerts[1].End.Should().Be(AlertTime(Hours(3) + Minutes(5)), "the clone's last report");
        alerts[1].Evidence["separationNm"]!.GetValue<double>().Should().BeApproximately(300, 5, "5 degrees of latitude, the real track moving east");
        alerts[1].Evidence["stoppedTrack"]!.GetValue<int>().Should().Be(1, "the second track stopped");
        alerts[1].Watchlist.Should().ContainSingle(w => w.MatchedOn == "mmsi");
        AlertSchema.AllShouldBeValid(h.Alerts);
    }

    [Fact]
    public void Add_CloneInBurstsBesideAnotherShip_NoDarkPeriodOrTransferInvented()
    {
        var h = Cloned(cloneEveryMinutes: 3);

        h.OfType("IdentityConflict").Select(a => a.Status).Should().Equal(["open", "closed"]);
        h.OfType("DarkPeriod").Should().BeEmpty("the vessel was heard all along");
        h.OfType("ShipToShipTransfer").Should().BeEmpty("the clone's positions beside the other ship are not the vessel's");
        h.OfType("ShipToShipTransferOneSideDark").Should().BeEmpty();
        h.OfType("PortCall").Should().BeEmpty();
    }

    [Fact]
    public void Add_TwoReceiversHearTheSameReport_NoConflict()
    {
        var h = new Harness(watchlist: Listed());
        var reports = Harness.Reports(ThirdMmsi, T0, T0 + Hours(4), Lat, Lon, lonPerHour: 0.2)
            .SelectMany(r => new[] { r, r with { EventTimeMs = r.EventTimeMs + 1_000 } });
        h.AddAll(reports).Complete();

        h.OfType("IdentityConflict").Should().BeEmpty("the same report twice is one place");
        h.Alerts.Should().BeEmpty();
    }

    [Fact]
    public void Add_SingleGpsGlitchFarAway_NoConflict()
    {
        var h = new Harness(watchlist: Listed());
        h.Track(ThirdMmsi, T0, T0 + Hours(1), Lat, Lon)
         .Add(Position(ThirdMmsi, T0 + Hours(1) + Minutes(5), CloneLat, Lon))
         .Track(ThirdMmsi, T0 + Hours(1) + Minutes(10), T0 + Hours(4), Lat, Lon)
         .Complete();

        h.OfType("IdentityConflict").Should().BeEmpty("one jump and back is a glitch, not two transmitters");
    }

    [Fact]
    public void Add_TwoTracksCloserThanFiftyMiles_NoConflict()
    {
        var h = Cloned(cloneEveryMinutes: 10, cloneLat: Lat + 0.5);

        h.OfType("IdentityConflict").Should().BeEmpty("30 nm apart is below the separation that makes two places");
    }

    /// <summary>A watch-listed tanker under way reporting every 10 min for 6 h; from 1 h 05 to 3 h 05 a clone 300 nm away, slow beside another tanker.</summary>
    private static Harness Cloned(double cloneEveryMinutes, double cloneLat = CloneLat)
    {
        var h = new Harness(watchlist: Listed());
        var real = Harness.Reports(ThirdMmsi, T0, T0 + Hours(6), Lat, Lon, sog: 10, lonPerHour: 0.2);
        var clone = Harness.Reports(ThirdMmsi, T0 + Hours(1) + Minutes(5), T0 + Hours(3) + Minutes(5), cloneLat, Lon, sog: 0.3, everyMinutes: cloneEveryMinutes);
        var neighbour = Harness.Reports(OtherMmsi, T0, T0 + Hours(6), cloneLat + 0.001, Lon, sog: 0.3, everyMinutes: 5);
        h.Add(Static(ThirdMmsi, T0, shipType: 80))
         .Add(Static(OtherMmsi, T0, shipType: 80))
         .AddAll(Harness.Merge(real, clone, neighbour))
         .Complete();
        return h;
    }

    private static Watchlist Listed() => new([new WatchlistEntry(null, ThirdMmsi, "CLONED", "TEST", "test")]);

    private static DateTimeOffset AlertTime(long offsetMs) => DateTimeOffset.FromUnixTimeMilliseconds(T0 + offsetMs);
}
