using EDTF.Streaming.Ais;
using EDTF.Streaming.Detection.Tests.Support;
using static EDTF.Streaming.Detection.Tests.Support.Some;

namespace EDTF.Streaming.Detection.Tests.Transfer;

/// <summary>A watch-list delisting during an open ship-to-ship transfer: the alert closes unless the other vessel is still of interest.</summary>
public class TransferDelistingTests
{
    private const double Lat = 40.5;
    private const double Lon = 133.5;

    /// <summary><paramref name="listed"/> (on the list by MMSI) and <paramref name="other"/> side by side, 200 m apart, from 1 h to 4 h; delisted at 2 h.</summary>
    private static Harness Run(int listed, int other)
    {
        var h = new Harness(watchlist: new Watchlist([new WatchlistEntry(null, listed, "TEST", "DPRK3", "test") { EntryId = "T:1" }]));
        h.Pipeline.AddWatchlistChange(new WatchlistChange("T:1", null, T0 + Hours(2)));
        IEnumerable<AisReport> reports = Harness.Merge(
            Harness.Reports(listed, T0 + Hours(1), T0 + Hours(4), Lat, Lon, 0.5, everyMinutes: 3),
            Harness.Reports(other, T0 + Hours(1) + Minutes(1.5), T0 + Hours(4), Lat + (200 / 111_195.0), Lon, 0.5, everyMinutes: 3),
            Harness.Reports(ThirdMmsi + 1, T0, T0 + Hours(9), 10, 10, everyMinutes: 10));
        return h.AddAll(reports).Complete();
    }

    [Fact]
    public void AddWatchlistChange_DelistedDuringTransferWithOrdinaryVessel_ClosesWithReasonAndNothingAfter()
    {
        var alerts = Run(OtherMmsi, ThirdMmsi).Visible("ShipToShipTransfer");

        alerts.Select(a => a.Status).Should().Equal(["open", "closed"], "opened while listed, closed by the delisting, nothing after");
        alerts[1].Evidence["closedReason"]!.GetValue<string>().Should().Be("delisted");
        alerts[1].End.Should().Be(DateTimeOffset.FromUnixTimeMilliseconds(T0 + Hours(2)));
        AlertSchema.AllShouldBeValid(alerts);
    }

    [Fact]
    public void AddWatchlistChange_DelistedDuringTransferWithMid445Vessel_StaysOpenUntilItEnds()
    {
        var alerts = Run(OtherMmsi, DprkMmsi).Visible("ShipToShipTransfer");

        alerts.Should().NotContain(a => a.Evidence.ContainsKey("closedReason"), "the other vessel is still of interest by its flag");
        alerts.Last().Status.Should().Be("closed");
        alerts.Last().End.Should().BeAfter(DateTimeOffset.FromUnixTimeMilliseconds(T0 + Hours(3.5)), "closed when the vessels parted");
    }
}
