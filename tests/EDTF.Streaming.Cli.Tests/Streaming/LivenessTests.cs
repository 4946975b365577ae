using EDTF.Streaming.Cli.Service;

namespace EDTF.Streaming.Cli.Tests.Streaming;

/// <summary><c>/healthz</c>'s decision on plain values: not faulted, no processing stall of <see cref="ServiceSettings.StallSeconds"/> while input waits, the consume loop polling.</summary>
public sealed class LivenessTests
{
    private static readonly DateTime Start = new(2026, 11, 27, 3, 0, 0, DateTimeKind.Utc);
    private readonly ServiceSettings _settings = new() { StallSeconds = 60 };

    [Fact]
    public void Liveness_PolledJustNowAndWaitingForInput_IsAlive()
    {
        Liveness(Health(), Start).Should().BeNull();
    }

    [Fact]
    public void Liveness_Faulted_IsNotAlive()
    {
        Liveness(Health() with { Faulted = true }, Start).Should().Be("faulted");
    }

    [Fact]
    public void Liveness_InOneRoundLongerThanTheStallBoundWhileInputWaits_IsNotAlive()
    {
        var health = Health() with { ProcessingBusySinceUtc = Start, WorkWaiting = true };

        Liveness(health with { LastPollUtc = Start.AddSeconds(60) }, Start.AddSeconds(60)).Should().BeNull("exactly the bound is still within it");
        Liveness(health with { LastPollUtc = Start.AddSeconds(61) }, Start.AddSeconds(61))
            .Should().Be("processing stalled: in one round for 61 s while input waits");
    }

    [Fact]
    public void Liveness_InOneRoundForLongWithNothingWaiting_IsAlive()
    {
        var health = Health() with { ProcessingBusySinceUtc = Start, WorkWaiting = false, LastPollUtc = Start.AddHours(1) };

        Liveness(health, Start.AddHours(1)).Should().BeNull("a quiet stream is not a stall");
    }

    [Fact]
    public void Liveness_WaitingForInputWhileInputWaits_IsAlive()
    {
        var health = Health() with { ProcessingBusySinceUtc = null, WorkWaiting = true, LastPollUtc = Start.AddHours(1) };

        Liveness(health, Start.AddHours(1)).Should().BeNull("between rounds the processing thread is not stuck; the next round takes the input");
    }

    [Fact]
    public void Liveness_ConsumeLoopNotPolledForLongerThanTheStallBound_IsNotAlive()
    {
        Liveness(Health(), Start.AddSeconds(60)).Should().BeNull("exactly the bound is still within it");
        Liveness(Health(), Start.AddSeconds(90)).Should().Be("consumer not polling for 90 s");
    }

    [Fact]
    public void Liveness_NeverPolledYet_IsAlive()
    {
        Liveness(Health() with { LastPollUtc = default }, Start.AddMinutes(5)).Should().BeNull("startup (the alerts-topic read, the subscription) is readiness's concern");
    }

    [Fact]
    public void Liveness_ProcessingStalledAndConsumerBlockedBehindIt_NamesTheProcessingStall()
    {
        var health = Health() with { ProcessingBusySinceUtc = Start, WorkWaiting = true };

        Liveness(health, Start.AddSeconds(120)).Should().StartWith("processing stalled", "the consume thread waits on the full hand-over: the cause is processing");
    }

    [Fact]
    public void ProcessingStalledFor_BusyWhileInputWaits_IsTheTimeInTheRound()
    {
        var health = Health() with { ProcessingBusySinceUtc = Start, WorkWaiting = true };

        health.ProcessingStalledFor(Start.AddSeconds(42)).Should().Be(TimeSpan.FromSeconds(42));
        (health with { WorkWaiting = false }).ProcessingStalledFor(Start.AddSeconds(42)).Should().Be(TimeSpan.Zero, "nothing waits");
        (health with { ProcessingBusySinceUtc = null }).ProcessingStalledFor(Start.AddSeconds(42)).Should().Be(TimeSpan.Zero, "not in a round");
    }

    private static ServiceHealth Health() => new(Faulted: false, AssignedPartitions: 1, LastPollUtc: Start, LastProgressUtc: Start, TotalLag: 0);

    private string? Liveness(ServiceHealth health, DateTime nowUtc) => StreamingHost.Liveness(health, _settings, nowUtc);
}
