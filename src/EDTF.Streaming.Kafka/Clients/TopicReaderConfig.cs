using Confluent.Kafka;

namespace EDTF.Streaming.Kafka.Clients;

/// <summary>The consumer of a tool that reads a whole topic by direct assignment (<c>edtf alerts</c>, <c>edtf console</c>).</summary>
internal static class TopicReaderConfig
{
    /// <summary>A throw-away group id (librdkafka wants one; nothing is committed), EOF events, the brokers and <c>Kafka:Client</c>.</summary>
    public static ConsumerConfig For(KafkaOptions kafka, string clientId) => KafkaClientSettings.Apply(
        new ConsumerConfig
        {
            GroupId = clientId + "-" + Guid.NewGuid().ToString("N"),
            EnableAutoCommit = false,
            EnablePartitionEof = true,
            ClientId = clientId,
        },
        kafka);
}
