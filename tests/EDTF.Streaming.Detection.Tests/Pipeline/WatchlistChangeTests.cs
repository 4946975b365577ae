using EDTF.Streaming.Ais;
using EDTF.Streaming.Detection.Tests.Support;
using static EDTF.Streaming.Detection.Tests.Support.Some;

namespace EDTF.Streaming.Detection.Tests.Pipeline;

/// <summary>Watch-list changes while the stream runs: applied when the watermark passes their effective time.</summary>
public class WatchlistChangeTests
{
    private const double Lat = 38.5;
    private const double Lon = 124.5;
    private const int Imo = 9191773;

    /// <summary>The subject is silent 1 h to 5 h and 12 h to 16 h (two dark periods); a neighbour reports all along (coverage, clock).</summary>
    private static Harness Run(int subject, Watchlist? list, params WatchlistChange[] changes)
    {
        var h = new Harness(watchlist: list);
        foreach (var c in changes)
        {
            h.Pipeline.AddWatchlistChange(c);
        }

        return h.AddAll(Traffic(subject)).Complete();
    }

    private static List<AisReport> Traffic(int subject)
    {
        var reports = new List<AisReport> { Static(subject, T0, imo: Imo, name: "KUM UN SAN 3", shipType: 80) };
        foreach (var (from, to) in new[] { (0.0, 1.0), (5.0, 12.0), (16.0, 18.0) })
        {
            reports.AddRange(Harness.Reports(subject, T0 + Hours(from), T0 + Hours(to), Lat, Lon));
        }

        return Harness.Merge(reports.OrderBy(r => r.EventTimeMs), Harness.Reports(ThirdMmsi, T0, T0 + Hours(18), Lat + 0.3, Lon + 0.3, everyMinutes: 5)).ToList();
    }

    private static DateTimeOffset AlertTime(long offsetMs) => DateTimeOffset.FromUnixTimeMilliseconds(T0 + offsetMs);

    private static WatchlistEntry ByMmsi(int mmsi) => new(null, mmsi, "KUM UN SAN 3", "DPRK3", "test") { EntryId = "T:1" };

    private static WatchlistEntry ByImo(string name = "KUM UN SAN 3", params string[] aliases) =>
        new(Imo, null, name, "UN-DPRK", "test") { EntryId = "T:1", Aliases = aliases };

    private static WatchlistChange Listed(WatchlistEntry e, double atHours) => new(e.Id, e, T0 + Hours(atHours));

    private static WatchlistChange Delisted(double atHours) => new("T:1", null, T0 + Hours(atHours));

    private static List<AlertUpdate> Dark(Harness h, int mmsi) => h.OfType("DarkPeriod").Where(a => a.Vessel.Mmsi == mmsi).ToList();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AddWatchlistChange_ListedMidStream_KeptFindingAtTheChangeThenNewAlerts(bool byImo)
    {
        var h = Run(OtherMmsi, null, Listed(byImo ? ByImo() : ByMmsi(OtherMmsi), 8));

        var alerts = Dark(h, OtherMmsi);
        alerts.Should().NotContain(a => a.DetectedAt < AlertTime(Hours(8)), "nothing is alerted before the vessel is listed");
        alerts[0].Start.Should().Be(AlertTime(Hours(1)), "the dark period before the listing is kept and emitted");
        alerts[0].DetectedAt.Should().Be(AlertTime(Hours(8)), "at the change's effective time");
        alerts.Where(a => a.Start == AlertTime(Hours(12))).Select(a => a.Status).Should().Equal(["open", "closed"], "the vessel is of interest from then on");
        alerts[^1].Watchlist.Should().Contain(w => w.MatchedOn == (byImo ? "imo" : "mmsi") && w.List == (byImo ? "UN-DPRK" : "DPRK3"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AddWatchlistChange_DelistedWhileDark_OpenAlertClosesWithReasonAndNoNewAlerts(bool byImo)
    {
        var h = Run(OtherMmsi, new Watchlist([byImo ? ByImo() : ByMmsi(OtherMmsi)]), Delisted(3.5));

        var alerts = Dark(h, OtherMmsi);
        alerts.Select(a => a.Status).Should().Equal(["open", "closed"], "one dark period opened before the delisting, none after");
        alerts[1].Evidence["closedReason"]!.GetValue<string>().Should().Be("delisted");
        alerts[1].End.Should().Be(AlertTime(Hours(3.5)), "closed at the delisting");
        alerts[1].DetectedAt.Should().Be(AlertTime(Hours(3.5)));
    }

    [Fact]
    public void AddWatchlistChange_DelistedButMid445_AlertStaysOpenUntilItEnds()
    {
        var h = Run(DprkMmsi, new Watchlist([ByMmsi(DprkMmsi)]), Delisted(3.5));

        var alerts = Dark(h, DprkMmsi);
        alerts.Should().HaveCount(4, "still of interest by its flag: both dark periods alerted");
        alerts.Should().NotContain(a => a.Evidence.ContainsKey("closedReason"));
        alerts[1].End.Should().Be(AlertTime(Hours(5)), "closed when the vessel was heard again");
    }

    [Fact]
    public void AddWatchlistChange_SameEffectiveTimeFedLate_SameAlertsAsFedFirst()
    {
        var first = Run(OtherMmsi, null, Listed(ByMmsi(OtherMmsi), 8), Delisted(14.5));
        var late = new Harness();
        var all = Traffic(OtherMmsi);
        late.AddAll(all.Where(r => r.EventTimeMs < T0 + Hours(6)));
        late.Pipeline.AddWatchlistChange(Listed(ByMmsi(OtherMmsi), 8));
        late.AddAll(all.Where(r => r.EventTimeMs >= T0 + Hours(6) && r.EventTimeMs < T0 + Hours(13)));
        late.Pipeline.AddWatchlistChange(Delisted(14.5));
        late.AddAll(all.Where(r => r.EventTimeMs >= T0 + Hours(13))).Complete();

        static IEnumerable<string> Json(Harness h) => h.Alerts.Select(a => AlertJson.Serialize(a with { Source = null }));
        Json(late).Should().Equal(Json(first), "a change that arrives before the watermark passes it applies at its effective time");
        Dark(first, OtherMmsi).Last().Evidence["closedReason"]!.GetValue<string>().Should().Be("delisted");
    }

    [Fact]
    public void Emit_AisNameIsAnAliasOfTheEntry_NameHintTrue()
    {
        var h = Run(OtherMmsi, new Watchlist([ByImo("CHON MA SAN", "KUM UN SAN 3")]));

        var alerts = Dark(h, OtherMmsi);
        alerts.Should().NotBeEmpty();
        alerts.Should().OnlyContain(a => a.Evidence["watchlistNameMatches"]!.GetValue<bool>(), "an alias counts for the name hint");
    }

    [Fact]
    public void Emit_AisNameMatchesNeitherNameNorAlias_NameHintFalseButStillAMatchByImo()
    {
        var h = Run(OtherMmsi, new Watchlist([ByImo("CHON MA SAN", "PAEK MA")]));

        var alerts = Dark(h, OtherMmsi);
        alerts.Should().NotBeEmpty("the IMO is what matches");
        alerts.Should().OnlyContain(a => !a.Evidence["watchlistNameMatches"]!.GetValue<bool>());
    }

    [Fact]
    public void Apply_RemoveThenAddById_IndexesFollow()
    {
        var list = new Watchlist([ByImo()]);

        list.Apply(new WatchlistChange("T:1", null, T0));
        list.ByImo(Imo).Should().BeEmpty();
        list.Apply(Listed(ByMmsi(OtherMmsi), 1));

        list.ByMmsi(OtherMmsi).Should().ContainSingle();
        list.Entries.Should().ContainSingle();
        list.ChangesApplied.Should().Be(2);
        list.LastChangeMs.Should().Be(T0 + Hours(1));
    }
}
