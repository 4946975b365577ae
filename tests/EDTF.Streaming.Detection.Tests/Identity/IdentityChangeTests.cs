using EDTF.Streaming.Detection.Tests.Support;
using static EDTF.Streaming.Detection.Tests.Support.Some;

namespace EDTF.Streaming.Detection.Tests.Identity;

public class IdentityChangeTests
{
    private const double Lat = 38.5;
    private const double Lon = 124.5;
    private const int ListedImo = 8106496;
    private const int NewMmsi = 667_001_234;

    [Fact]
    public void Add_ImoListedTankerReflaggedUnderNewMmsiAndName_IdentityChangeWithPreviousAndChanged()
    {
        var h = Reflagged();

        var alert = h.OfType("IdentityChange").Should().ContainSingle("one change, published once").Subject;
        alert.Status.Should().Be("closed");
        alert.Vessel.Mmsi.Should().Be(NewMmsi);
        alert.Start.Should().Be(AlertTime(Hours(2)), "the first report under the new identity");
        alert.End.Should().Be(alert.Start, "an identity change is instantaneous");
        var previous = alert.Evidence["previous"]!.AsObject();
        previous["mmsi"]!.GetValue<int>().Should().Be(OtherMmsi);
        previous["imo"]!.GetValue<int>().Should().Be(ListedImo);
        previous["name"]!.GetValue<string>().Should().Be("SAM MA 2");
        previous["callsign"]!.GetValue<string>().Should().Be("UBCD7");
        previous["flag"]!.GetValue<string>().Should().Be("RU");
        alert.Evidence["changed"]!.AsArray().Select(n => n!.GetValue<string>()).Should().Equal(["mmsi", "name", "callsign"], "the IMO stayed the same");
        alert.Watchlist.Should().Contain(w => w.MatchedOn == "imo" && w.List == "US-DPRK-ADVISORY-2019");
        AlertSchema.AllShouldBeValid(h.Alerts);
    }

    [Fact]
    public void Add_ImoListedTankerReflagged_NewMmsiOfInterestAndItsDarkPeriodAlerts()
    {
        var h = Reflagged();

        var dark = h.OfType("DarkPeriod").Where(a => a.Vessel.Mmsi == NewMmsi).ToList();
        dark.Select(a => a.Status).Should().Equal(["open", "closed"], "the new MMSI is of interest: its 3 h silence is a dark period");
        dark[1].Watchlist.Should().Contain(w => w.MatchedOn == "imo" && w.Mmsi == NewMmsi);
    }

    [Fact]
    public void Add_MmsiListedVesselUnderNewMmsiSameImo_WatchListFollowsTheVessel()
    {
        var watchlist = new Watchlist([new WatchlistEntry(null, OtherMmsi, "KUM UN SAN", "TEST", "test")]);
        var h = new Harness(watchlist: watchlist);
        h.Add(Static(OtherMmsi, T0, imo: 9_074_729, name: "KUM UN SAN"))
         .Track(OtherMmsi, T0, T0 + Hours(1), Lat, Lon)
         .Add(Static(NewMmsi, T0 + Hours(2), imo: 9_074_729, name: "OCEAN STAR"))
         .Track(NewMmsi, T0 + Hours(2), T0 + Hours(3), Lat, Lon)
         .Track(NewMmsi, T0 + Hours(6), T0 + Hours(7), Lat, Lon + 0.1)
         .Complete();

        h.OfType("IdentityChange").Should().ContainSingle().Which.Vessel.Mmsi.Should().Be(NewMmsi);
        var dark = h.OfType("DarkPeriod").Should().Contain(a => a.Vessel.Mmsi == NewMmsi && a.Status == "closed",
            "the IMO was of interest under the listed MMSI, so it stays of interest under the new one").Subject;
        dark.Watchlist.Should().Contain(w => w.List == "TEST" && w.Entry!.Contains("under MMSI 273111222", StringComparison.Ordinal));
    }

    [Fact]
    public void Add_SameMmsiNewName_IdentityChange()
    {
        var h = new Harness();
        h.Add(Static(DprkMmsi, T0, name: "CHON MA SAN", callsign: "HMYD"))
         .Track(DprkMmsi, T0, T0 + Hours(1), Lat, Lon)
         .Add(Static(DprkMmsi, T0 + Hours(1) + Minutes(1), name: "XIN HAI", callsign: "HMYD"))
         .Complete();

        var alert = h.OfType("IdentityChange").Should().ContainSingle().Subject;
        alert.Vessel.Mmsi.Should().Be(DprkMmsi);
        alert.Vessel.Name.Should().Be("XIN HAI");
        alert.Start.Should().Be(AlertTime(Hours(1) + Minutes(1)));
        alert.Evidence["previous"]!["name"]!.GetValue<string>().Should().Be("CHON MA SAN");
        alert.Evidence["changed"]!.AsArray().Select(n => n!.GetValue<string>()).Should().Equal(["name"], "the call sign is the same");
        AlertSchema.AllShouldBeValid(h.Alerts);
    }

    [Fact]
    public void Add_SameMmsiNewImo_IdentityChangeAndStillOfInterest()
    {
        var watchlist = new Watchlist([new WatchlistEntry(ListedImo, null, "SAM MA 2", "US-DPRK-ADVISORY-2019", "test")]);
        var h = new Harness(watchlist: watchlist);
        h.Add(Static(OtherMmsi, T0, imo: ListedImo, name: "SAM MA 2"))
         .Track(OtherMmsi, T0, T0 + Hours(1), Lat, Lon)
         .Add(Static(OtherMmsi, T0 + Hours(1) + Minutes(1), imo: 9_999_990, name: "SAM MA 2"))
         .Track(OtherMmsi, T0 + Hours(4), T0 + Hours(5), Lat, Lon + 0.1)
         .Complete();

        var change = h.OfType("IdentityChange").Should().ContainSingle().Subject;
        change.Evidence["changed"]!.AsArray().Select(n => n!.GetValue<string>()).Should().Equal(["imo"]);
        change.Evidence["previous"]!["imo"]!.GetValue<int>().Should().Be(ListedImo);
        h.OfType("DarkPeriod").Should().Contain(a => a.Status == "closed", "a listed vessel does not leave the list by sending another IMO");
    }

    [Fact]
    public void Add_NamesFlippingBackAndForth_OneIdentityChange()
    {
        var h = new Harness();
        for (var i = 0; i < 6; i++)
        {
            h.Add(Static(DprkMmsi, T0 + Minutes(6 * i), name: i % 2 == 0 ? "CHON MA SAN" : "XIN HAI"));
        }

        h.Complete();

        h.OfType("IdentityChange").Should().ContainSingle("two devices sharing one MMSI are alerted once, not on every report");
    }

    [Fact]
    public void Add_DestinationChange_NoIdentityChange()
    {
        var h = new Harness();
        h.Add(Static(DprkMmsi, T0, name: "CHON MA SAN", destination: "NAMPO"))
         .Track(DprkMmsi, T0, T0 + Hours(1), Lat, Lon)
         .Add(Static(DprkMmsi, T0 + Hours(1) + Minutes(1), name: "CHON MA SAN", destination: "VOSTOCHNY", draught: 9.1))
         .Complete();

        h.OfType("IdentityChange").Should().BeEmpty("a destination or draught is voyage data, not identity");
    }

    [Fact]
    public void Add_NameSentForTheFirstTime_NoIdentityChange()
    {
        var h = new Harness();
        h.Add(Static(DprkMmsi, T0, callsign: "HMYD"))
         .Add(Static(DprkMmsi, T0 + Minutes(6), name: "CHON MA SAN", callsign: "hmyd "))
         .Complete();

        h.OfType("IdentityChange").Should().BeEmpty("a field first known is not a change, and case or spaces are not either");
    }

    [Fact]
    public void Add_VesselNotOfInterestRenamed_NoAlert()
    {
        var h = new Harness();
        h.Add(Static(OtherMmsi, T0, name: "NORDIC A"))
         .Add(Static(OtherMmsi, T0 + Hours(1), name: "NORDIC B"))
         .Complete();

        h.Alerts.Should().BeEmpty("only vessels of interest are alerted");
    }

    /// <summary>A listed tanker under a Russian MMSI for an hour, then under <see cref="NewMmsi"/> with a new name and call sign, silent 3 h.</summary>
    private static Harness Reflagged()
    {
        var watchlist = new Watchlist([new WatchlistEntry(ListedImo, null, "SAM MA 2", "US-DPRK-ADVISORY-2019", "test")]);
        var h = new Harness(watchlist: watchlist);
        h.Add(Static(OtherMmsi, T0, imo: ListedImo, name: "SAM MA 2", shipType: 80, callsign: "UBCD7"))
         .Track(OtherMmsi, T0, T0 + Hours(1), Lat, Lon)
         .Add(Static(NewMmsi, T0 + Hours(2), imo: ListedImo, name: "OCEAN GRACE", shipType: 80, callsign: "9LU2041"))
         .Track(NewMmsi, T0 + Hours(2), T0 + Hours(3), Lat, Lon)
         .Track(NewMmsi, T0 + Hours(6), T0 + Hours(7), Lat, Lon + 0.1)
         .Complete();
        return h;
    }

    private static DateTimeOffset AlertTime(long offsetMs) => DateTimeOffset.FromUnixTimeMilliseconds(T0 + offsetMs);
}
