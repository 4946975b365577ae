using EDTF.Streaming.Detection.Alerts;
using EDTF.Streaming.Detection.Dark;
using EDTF.Streaming.Detection.Tests.Support;
using EDTF.Streaming.Detection.Tracking;
using EDTF.Streaming.Detection.Transfer;

namespace EDTF.Streaming.Detection.Tests.Limits;

public class ExtremeValueTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    public static TheoryData<double> ExtremeDoubles => new()
    {
        double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1e300, -1e300, 21474836.465, -21474836.465, double.Epsilon, 90, -180,
    };

    public static TheoryData<long> ExtremeTimes => new()
    {
        -7_200_000, 0, long.MinValue, long.MaxValue, 9_000_000_000_000_000, -62_135_596_800_000, 253_402_300_799_999,
    };

    /// <summary>Times a report can carry after the input limits: anything in [2000, 2100), and times before it.</summary>
    public static TheoryData<long> AdmissibleTimes => new()
    {
        -7_200_000, 0, long.MinValue, -62_135_596_800_000, 946_684_800_000, 4_102_444_799_999,
    };

    [Theory]
    [MemberData(nameof(ExtremeDoubles))]
    public async Task SpatialGridNear_ExtremeCoordinates_ReturnsThePlacedVessel(double value)
    {
        var grid = new SpatialGrid(searchRadiusMeters: 1_000);
        var vessel = new Vessel(Some.DprkMmsi);
        var found = new List<Vessel>();

        var run = Task.Run(() =>
        {
            grid.Place(vessel, value, value);
            grid.Near(value, value, found);
        });

        (await Task.WhenAny(run, Task.Delay(Bound))).Should().BeSameAs(run, "cell arithmetic must not loop forever on {0}", value);
        found.Should().Contain(vessel, "a position and its search are clamped to the same cell");
    }

    [Theory]
    [MemberData(nameof(ExtremeDoubles))]
    public void CoverageGridAdd_ExtremeCoordinates_CountedInAClampedCell(double value)
    {
        var grid = new CoverageGrid();

        grid.Add(value, value, Some.T0 + Some.Hours(1.5));

        grid.Count(value, value, Some.T0, Some.T0 + Some.Hours(3)).Should().Be((1L, 2));
    }

    [Theory]
    [MemberData(nameof(ExtremeTimes))]
    public void CoverageGridCount_ExtremeTimes_NoExceptionAndAtMostFourDays(long timeMs)
    {
        var grid = new CoverageGrid();

        grid.Add(10, 10, timeMs);
        var before = grid.Count(10, 10, timeMs, Some.T0);
        var after = grid.Count(10, 10, Some.T0, timeMs);
        var both = grid.Count(10, 10, timeMs, timeMs);

        new[] { before.Hours, after.Hours, both.Hours }.Should().OnlyContain(h => h >= 0 && h <= 96);
    }

    [Theory]
    [MemberData(nameof(ExtremeTimes))]
    public void AlertStageTime_ExtremeMilliseconds_ClampedNotThrown(long ms)
    {
        var time = AlertStage.Time(ms);

        time.Should().BeOnOrAfter(DateTimeOffset.MinValue).And.BeOnOrBefore(DateTimeOffset.MaxValue);
    }

    [Theory]
    [MemberData(nameof(ExtremeDoubles))]
    public async Task Pipeline_VesselsGoingDarkAtExtremeCoordinates_CompletesWithinBound(double value)
    {
        var h = new Harness();

        var run = Task.Run(() =>
        {
            // Two vessels of interest fall silent at the same extreme position: dark periods, the dark-dark index and coverage all see it.
            foreach (var mmsi in new[] { Some.DprkMmsi, Some.DprkMmsi + 1 })
            {
                h.Add(Some.Position(mmsi, Some.T0, value, value, sog: 0.5));
                h.Add(Some.Position(mmsi, Some.T0 + Some.Minutes(10), value, -value, sog: 0.5));
            }

            h.Track(Some.OtherMmsi, Some.T0, Some.T0 + Some.Hours(40), 10, 10, everyMinutes: 60);
            h.Add(Some.Position(Some.DprkMmsi, Some.T0 + Some.Hours(41), value, value, sog: 0.5));
            h.Complete();
        });

        (await Task.WhenAny(run, Task.Delay(Bound))).Should().BeSameAs(run, "extreme coordinates must not stall the pipeline");
        await run;
    }

    [Theory]
    [MemberData(nameof(AdmissibleTimes))]
    public async Task Pipeline_ReportAtExtremeTime_CompletesWithinBound(long timeMs)
    {
        var h = new Harness();

        var run = Task.Run(() =>
        {
            h.Track(Some.DprkMmsi, Some.T0, Some.T0 + Some.Hours(2), 10, 10);
            h.Add(Some.Position(Some.DprkMmsi, timeMs, 10, 10));
            h.Add(Some.Position(Some.OtherMmsi, timeMs, 10, 10));
            h.Track(Some.DprkMmsi, Some.T0 + Some.Hours(3), Some.T0 + Some.Hours(4), 10, 10);
            h.Complete();
        });

        (await Task.WhenAny(run, Task.Delay(Bound))).Should().BeSameAs(run, "one report at {0} must not stall the pipeline", timeMs);
        await run;
    }
}
