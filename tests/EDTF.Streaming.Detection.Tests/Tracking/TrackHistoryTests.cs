using EDTF.Streaming.Detection.Tracking;

namespace EDTF.Streaming.Detection.Tests.Tracking;

public class TrackHistoryTests
{
    private const int Mmsi = 273_000_001;

    [Fact]
    public void Add_ReportsCloserThanTheSpacing_KeepsOnePerSpacing()
    {
        var history = new TrackHistory();
        for (var minute = 0; minute <= 10; minute++)
        {
            history.Add(Mmsi, minute * 60_000L, 40, 133 + (minute * 0.001));
        }

        history.Between(Mmsi, 0, long.MaxValue).Select(p => p.TimeMs)
            .Should().Equal([0L, 120_000L, 240_000L, 360_000L, 480_000L, 600_000L], "one position per 2 minutes of event time");
    }

    [Fact]
    public void Add_MoreThanTheBound_KeepsTheNewestInOrder()
    {
        var history = new TrackHistory();
        var total = TrackHistory.MaxPointsPerVessel + 50;
        for (var i = 0; i < total; i++)
        {
            history.Add(Mmsi, i * TrackHistory.MinSpacingMs, 40, 133);
        }

        var kept = history.Between(Mmsi, 0, long.MaxValue);
        kept.Should().HaveCount(TrackHistory.MaxPointsPerVessel, "the ring is bounded");
        kept[0].TimeMs.Should().Be(50 * TrackHistory.MinSpacingMs, "the oldest were overwritten");
        kept.Select(p => p.TimeMs).Should().BeInAscendingOrder();
    }

    [Fact]
    public void Between_Window_KeepsOnlyPointsInsideItInclusive()
    {
        var history = new TrackHistory();
        for (var i = 0; i < 10; i++)
        {
            history.Add(Mmsi, i * TrackHistory.MinSpacingMs, 40 + i, 133);
        }

        history.Between(Mmsi, 3 * TrackHistory.MinSpacingMs, 5 * TrackHistory.MinSpacingMs).Select(p => p.Latitude).Should().Equal(43f, 44f, 45f);
        history.Between(Mmsi + 1, 0, long.MaxValue).Should().BeEmpty("another vessel has no track");
    }

    [Fact]
    public void Forget_Vessel_DropsItsTrack()
    {
        var history = new TrackHistory();
        history.Add(Mmsi, 0, 40, 133);

        history.Forget(Mmsi);

        history.Count.Should().Be(0);
        history.Between(Mmsi, 0, long.MaxValue).Should().BeEmpty();
    }
}
