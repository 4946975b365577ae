using EDTF.Streaming.Cli.Service;
using EDTF.Streaming.Kafka;
using Microsoft.Extensions.Time.Testing;

namespace EDTF.Streaming.Cli.Tests.Streaming;

/// <summary><c>/readyz</c>'s decision on a fake clock: assigned, polling within <see cref="StreamingHost.PollingBound"/>, and not stalled.</summary>
public sealed class ReadinessTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 27, 3, 0, 0, TimeSpan.Zero));
    private readonly ServiceActivity _activity;
    private readonly ServiceSettings _settings = new() { StalledAfterSeconds = 30 };

    public ReadinessTests()
    {
        _activity = new ServiceActivity(_clock);
        _activity.Polled();
        _activity.Progressed();
    }

    [Fact]
    public void Readiness_PolledJustNow_IsReady()
    {
        Readiness().Should().BeNull();
    }

    [Fact]
    public void Readiness_NotPolledForLongerThanTheBound_IsNotReadyUntilTheNextPoll()
    {
        _clock.Advance(StreamingHost.PollingBound);
        Readiness().Should().BeNull("exactly the bound is still within it");

        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Readiness().Should().Be("consumer not polling");

        _activity.Polled();
        Readiness().Should().BeNull();
    }

    [Fact]
    public void Readiness_RecordsWaitingAndNoneProcessedForTheStallBound_IsNotReadyUntilARecordGoesThrough()
    {
        for (var i = 0; i < 4; i++)
        {
            _clock.Advance(TimeSpan.FromSeconds(8)); // polling on, within its bound, while nothing is processed
            _activity.Polled();
        }

        Readiness(totalLag: 5).Should().Be("stalled: 5 record(s) waiting, none processed for 30 s");

        _activity.Progressed();
        Readiness(totalLag: 5).Should().BeNull();
    }

    [Fact]
    public void Readiness_NothingWaitingAndNothingProcessedForLong_IsReady()
    {
        _clock.Advance(TimeSpan.FromHours(1));
        _activity.Polled();

        Readiness(totalLag: 0).Should().BeNull("an idle input is not a stall");
    }

    [Fact]
    public void Readiness_NoPartitionsAssigned_IsNotReady()
    {
        Readiness(assigned: 0).Should().Be("no partitions assigned");
    }

    [Fact]
    public void Readiness_Faulted_IsNotReady()
    {
        Readiness(faulted: true).Should().Be("faulted");
    }

    private string? Readiness(long totalLag = 0, int assigned = 1, bool faulted = false) =>
        StreamingHost.Readiness(
            new ServiceHealth(faulted, assigned, _activity.LastPollUtc, _activity.LastProgressUtc, totalLag),
            _settings,
            _clock.GetUtcNow().UtcDateTime);
}
