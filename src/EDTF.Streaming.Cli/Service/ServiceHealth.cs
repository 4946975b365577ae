using EDTF.Streaming.Kafka;

namespace EDTF.Streaming.Cli.Service;

/// <summary>What liveness and readiness are decided from, read once from the running service.</summary>
internal readonly record struct ServiceHealth(
    bool Faulted, int AssignedPartitions, DateTime LastPollUtc, DateTime LastProgressUtc, long TotalLag,
    DateTime? ProcessingBusySinceUtc = null, bool WorkWaiting = false, int ProcessingErrorsLastMinute = 0, bool Standby = false)
{
    public static ServiceHealth Of(KafkaDetectionService s) =>
        new(s.Faulted, s.AssignedPartitions, s.LastPollUtc, s.LastProgressUtc, s.TotalLag, s.ProcessingBusySinceUtc, s.WorkWaiting, s.ProcessingErrorsLastMinute, s.Standby);

    /// <summary>How long the processing thread has been in its current round while input waits at <paramref name="nowUtc"/>; zero when it waits for input or none waits.</summary>
    public TimeSpan ProcessingStalledFor(DateTime nowUtc) =>
        WorkWaiting && ProcessingBusySinceUtc is { } since && nowUtc > since ? nowUtc - since : TimeSpan.Zero;
}
