namespace EDTF.Streaming.Kafka;

/// <summary>Kafka protocol request types (ApiKey) whose requests <see cref="EmbeddedBrokerFaults"/> can make fail.</summary>
public enum KafkaApiKey : short
{
    Produce = 0,
    Fetch = 1,
    ListOffsets = 2,
    Metadata = 3,
    OffsetCommit = 8,
    OffsetFetch = 9,
    FindCoordinator = 10,
    JoinGroup = 11,
    Heartbeat = 12,
    LeaveGroup = 13,
    SyncGroup = 14,
    InitProducerId = 22,
}
