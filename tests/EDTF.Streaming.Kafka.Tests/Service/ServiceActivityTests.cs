using EDTF.Streaming.Detection;
using Microsoft.Extensions.Time.Testing;

namespace EDTF.Streaming.Kafka.Tests.Service;

public sealed class ServiceActivityTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Polled_FakeClock_StampsTheClocksNow()
    {
        var clock = new FakeTimeProvider(Start);
        var activity = new ServiceActivity(clock);
        activity.Polled();
        clock.Advance(TimeSpan.FromSeconds(42));

        activity.LastPollUtc.Should().Be(Start.UtcDateTime);
        activity.Polled();

        activity.LastPollUtc.Should().Be(Start.UtcDateTime.AddSeconds(42));
        activity.LastPollUtc.Kind.Should().Be(DateTimeKind.Utc);
        activity.LastProgressUtc.Should().Be(DateTime.MinValue, "no record went through yet");
    }

    [Fact]
    public void Progressed_FakeClock_StampsTheClocksNowApartFromPolls()
    {
        var clock = new FakeTimeProvider(Start);
        var activity = new ServiceActivity(clock);
        activity.Polled();
        clock.Advance(TimeSpan.FromMinutes(3));

        activity.Progressed();

        activity.LastProgressUtc.Should().Be(Start.UtcDateTime.AddMinutes(3));
        activity.LastPollUtc.Should().Be(Start.UtcDateTime);
    }

    [Fact]
    public void RoundStarted_FakeClock_StampsTheHeartbeatAndBusySinceWithTheWorkInHand()
    {
        var clock = new FakeTimeProvider(Start);
        var activity = new ServiceActivity(clock);
        activity.ProcessingBusySinceUtc.Should().BeNull("the processing thread has not started a round");

        activity.RoundStarted(workInHand: true);
        clock.Advance(TimeSpan.FromSeconds(5));

        activity.ProcessingBusySinceUtc.Should().Be(Start.UtcDateTime);
        activity.LastHeartbeatUtc.Should().Be(Start.UtcDateTime);
        activity.WorkInHand.Should().BeTrue();
    }

    [Fact]
    public void RoundFinished_FakeClock_ClearsBusySinceAndStampsTheHeartbeat()
    {
        var clock = new FakeTimeProvider(Start);
        var activity = new ServiceActivity(clock);
        activity.RoundStarted(workInHand: true);
        clock.Advance(TimeSpan.FromSeconds(5));

        activity.RoundFinished();

        activity.ProcessingBusySinceUtc.Should().BeNull("between rounds the processing thread waits for input");
        activity.WorkInHand.Should().BeFalse();
        activity.LastHeartbeatUtc.Should().Be(Start.UtcDateTime.AddSeconds(5));
    }

    [Fact]
    public void Constructor_NoClock_UsesTheSystemClock()
    {
        var service = new KafkaDetectionService(new KafkaOptions(), new DetectionOptions(), Watchlist.Empty, PortAreas.Empty);

        service.Clock.Should().BeSameAs(TimeProvider.System);
    }
}
