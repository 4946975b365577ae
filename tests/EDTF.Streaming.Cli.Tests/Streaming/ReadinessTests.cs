using EDTF.Streaming.Cli.Service;
using EDTF.Streaming.Kafka;
using Microsoft.Extensions.Time.Testing;

namespace EDTF.Streaming.Cli.Tests.Streaming;

/// <summary><c>/readyz</c>'s decision on a fake clock: assigned, polling within <see cref="StreamingHost.PollingBound"/>, no processing stall of a quarter of <see cref="ServiceSettings.StallSeconds"/>, and progressing.</summary>
public sealed class ReadinessTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 27, 3, 0, 0, TimeSpan.Zero));
    private readonly ServiceActivity _activity;
    private readonly ServiceSettings _settings = new() { StalledAfterSeconds = 30, StallSeconds = 60 };

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
    public void Readiness_InOneRoundForMoreThanAQuarterOfTheStallBoundWhileInputWaits_IsNotReady()
    {
        var busySince = _clock.GetUtcNow().UtcDateTime;
        _clock.Advance(TimeSpan.FromSeconds(15));
        _activity.Polled();
        _activity.Progressed(); // the old rule (nothing processed for StalledAfterSeconds) alone would not see it
        Readiness(busySince: busySince, workWaiting: true).Should().BeNull("exactly a quarter of 60 s is still within it");

        _clock.Advance(TimeSpan.FromSeconds(1));
        _activity.Polled();

        Readiness(busySince: busySince, workWaiting: true).Should().Be("processing stalled: in one round for 16 s while input waits");
    }

    [Fact]
    public void Readiness_InOneRoundForLongWithNothingWaiting_IsReady()
    {
        var busySince = _clock.GetUtcNow().UtcDateTime;
        _clock.Advance(TimeSpan.FromMinutes(5));
        _activity.Polled();

        Readiness(busySince: busySince, workWaiting: false).Should().BeNull("a round with no input waiting is not a stall");
    }

    [Fact]
    public void Readiness_NoPartitionsAssigned_IsNotReady()
    {
        Readiness(assigned: 0).Should().Be("no partitions assigned");
    }

    [Fact]
    public void Readiness_StandingByForTheLeaseWithNothingAssigned_IsReady()
    {
        _clock.Advance(TimeSpan.FromMinutes(10)); // a standby never polls the input

        Readiness(assigned: 0, standby: true).Should().BeNull("every instance but the lease holder stands by; a rolling update waits for ready");
        Readiness(assigned: 0, standby: true, faulted: true).Should().Be("faulted");
    }

    [Fact]
    public void Readiness_Faulted_IsNotReady()
    {
        Readiness(faulted: true).Should().Be("faulted");
    }

    [Fact]
    public void Readiness_ManyProcessingErrorsInTheLastMinute_NotReady()
    {
        Readiness(errorsLastMinute: 59).Should().BeNull("a rare defect is dead-lettered and the stream goes on");

        Readiness(errorsLastMinute: 60).Should().StartWith("processing errors: 60 record(s)");
    }

    [Fact]
    public void RecentErrors_OlderThanAMinute_NotCounted()
    {
        var errors = new RecentErrors(_clock);
        errors.Record();
        _clock.Advance(TimeSpan.FromSeconds(30));
        errors.Record();

        errors.Within(TimeSpan.FromMinutes(1)).Should().Be(2);
        _clock.Advance(TimeSpan.FromSeconds(31));
        errors.Within(TimeSpan.FromMinutes(1)).Should().Be(1);
    }

    private string? Readiness(long totalLag = 0, int assigned = 1, bool faulted = false, DateTime? busySince = null, bool workWaiting = false, int errorsLastMinute = 0, bool standby = false) =>
        StreamingHost.Readiness(
            new ServiceHealth(faulted, assigned, _activity.LastPollUtc, _activity.LastProgressUtc, totalLag, busySince, workWaiting, errorsLastMinute, standby),
            _settings,
            _clock.GetUtcNow().UtcDateTime);
}
