using Confluent.Kafka;

namespace EDTF.Streaming.Kafka.Clients;

/// <summary>
/// The one place Kafka clients are built, each with a log handler so librdkafka's log is never dropped; their configs come
/// through <see cref="KafkaClientSettings"/> (brokers and the <c>Kafka:Client</c> security settings).
/// </summary>
internal static class KafkaClients
{
    public static ConsumerBuilder<TKey, TValue> Consumer<TKey, TValue>(ConsumerConfig config, Action<LogMessage> onLog) =>
        new ConsumerBuilder<TKey, TValue>(config).SetLogHandler((_, m) => onLog(m));

    public static ProducerBuilder<TKey, TValue> Producer<TKey, TValue>(ProducerConfig config, Action<LogMessage> onLog) =>
        new ProducerBuilder<TKey, TValue>(config).SetLogHandler((_, m) => onLog(m));

    public static AdminClientBuilder Admin(AdminClientConfig config, Action<LogMessage> onLog) =>
        new AdminClientBuilder(config).SetLogHandler((_, m) => onLog(m));
}
