using EDTF.Streaming.Ais;
using EDTF.Streaming.Detection.Tests.Support;
using static EDTF.Streaming.Detection.Tests.Support.Some;

namespace EDTF.Streaming.Detection.Tests.Identity;

public class IdentityPartitionTests
{
    private const double Lat = 38.5;
    private const double Lon = 124.5;
    private const int ListedImo = 8106496;
    private const int NewMmsi = 667_001_234;

    [Fact]
    public void Add_ReflagAndCloneSplitOverThreePartitions_SameAlertsAsOne()
    {
        var reports = Scenario();
        var single = Run(reports.Select(r => (r, 0)));

        var split = Run(Harness.SplitOverThreePartitions(reports));

        single.Should().Contain(a => a.Contains("\"type\":\"IdentityChange\"", StringComparison.Ordinal), "the re-flag under a new MMSI is seen")
            .And.Contain(a => a.Contains("\"type\":\"IdentityConflict\",\"status\":\"closed\"", StringComparison.Ordinal), "the clone is seen");
        split.Should().Equal(single, "the IMO index and the conflict tracks go by event time, not by arrival: the new MMSI's partition arrives 40 min behind");
    }

    /// <summary>A listed tanker re-flagged from a Russian MMSI to <see cref="NewMmsi"/>, and a watch-listed MMSI cloned 300 nm away for two hours.</summary>
    private static List<AisReport> Scenario() =>
    [
        .. Harness.Merge(
            [Static(OtherMmsi, T0, imo: ListedImo, name: "SAM MA 2", shipType: 80), Static(NewMmsi, T0 + Hours(2), imo: ListedImo, name: "OCEAN GRACE", shipType: 80)],
            Harness.Reports(OtherMmsi, T0, T0 + Hours(1), Lat, Lon),
            Harness.Reports(NewMmsi, T0 + Hours(2), T0 + Hours(5), Lat, Lon, lonPerHour: 0.1),
            Harness.Reports(ThirdMmsi, T0, T0 + Hours(6), Lat + 1, Lon, lonPerHour: 0.2),
            Harness.Reports(ThirdMmsi, T0 + Hours(1) + Minutes(5), T0 + Hours(3) + Minutes(5), Lat + 6, Lon, sog: 0.3)),
    ];

    private static List<string> Run(IEnumerable<(AisReport Report, int Partition)> input)
    {
        var watchlist = new Watchlist([new WatchlistEntry(ListedImo, null, "SAM MA 2", "US-DPRK-ADVISORY-2019", "test"), new WatchlistEntry(null, ThirdMmsi, "CLONED", "TEST", "test")]);
        var alerts = new List<string>();
        var p = new DetectionPipeline(new DetectionOptions { AllowedLatenessMinutes = 60 }, watchlist, PortAreas.Empty, a => alerts.Add(AlertJson.Serialize(a)));
        foreach (var (r, partition) in input)
        {
            p.Add(r, AlertSource.FromFile("scenario.nmea", (r.Mmsi * 100_000L) + ((r.EventTimeMs!.Value - T0) / 1000) + r.MessageType), partition);
        }

        p.Complete();
        return alerts;
    }
}
