using EDTF.Streaming.Kafka.Replay;
using Microsoft.Extensions.Time.Testing;

namespace EDTF.Streaming.Kafka.Tests.Replay;

public class ReplayPacerTests
{
    [Fact]
    public void DelayBefore_Speed60_OneHourOfEventsTakesOneMinute()
    {
        var clock = new FakeTimeProvider();
        var pacer = new ReplayPacer(60, clock);

        pacer.DelayBefore(0).Should().Be(TimeSpan.Zero);
        pacer.DelayBefore(3_600_000).Should().Be(TimeSpan.FromMinutes(1));
        clock.Advance(TimeSpan.FromSeconds(45));
        pacer.DelayBefore(3_600_000).Should().Be(TimeSpan.FromSeconds(15));
    }

    [Fact]
    public void DelayBefore_RealTime_GapInDataIsGapInReplay()
    {
        var clock = new FakeTimeProvider();
        var pacer = new ReplayPacer(1, clock);
        pacer.DelayBefore(1_000);

        clock.Advance(TimeSpan.FromSeconds(1));
        pacer.DelayBefore(2_000).Should().Be(TimeSpan.Zero);
        pacer.DelayBefore(602_000).Should().Be(TimeSpan.FromMinutes(10));
    }

    [Fact]
    public void DelayBefore_BehindSchedule_IsZero()
    {
        var clock = new FakeTimeProvider();
        var pacer = new ReplayPacer(10, clock);
        pacer.DelayBefore(0);

        clock.Advance(TimeSpan.FromSeconds(5));

        pacer.DelayBefore(10_000).Should().Be(TimeSpan.Zero, "10 s of events at speed 10 were due after 1 s");
        pacer.DelayBefore(-5_000).Should().Be(TimeSpan.Zero, "a record earlier than the start is due at once");
    }

    [Fact]
    public void DelayBefore_MaxSpeedOrNoTime_NeverWaits()
    {
        var clock = new FakeTimeProvider();
        var max = new ReplayPacer(double.PositiveInfinity, clock);
        var paced = new ReplayPacer(1, clock);
        paced.DelayBefore(0);

        max.DelayBefore(0).Should().Be(TimeSpan.Zero);
        max.DelayBefore(86_400_000).Should().Be(TimeSpan.Zero);
        paced.DelayBefore(null).Should().Be(TimeSpan.Zero);
    }
}
