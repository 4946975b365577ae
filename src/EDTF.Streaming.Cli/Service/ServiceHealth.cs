using EDTF.Streaming.Kafka;

namespace EDTF.Streaming.Cli.Service;

/// <summary>What readiness is decided from, read once from the running service.</summary>
internal readonly record struct ServiceHealth(bool Faulted, int AssignedPartitions, DateTime LastPollUtc, DateTime LastProgressUtc, long TotalLag)
{
    public static ServiceHealth Of(KafkaDetectionService s) => new(s.Faulted, s.AssignedPartitions, s.LastPollUtc, s.LastProgressUtc, s.TotalLag);
}
