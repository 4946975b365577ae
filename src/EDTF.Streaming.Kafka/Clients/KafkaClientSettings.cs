using Confluent.Kafka;

namespace EDTF.Streaming.Kafka.Clients;

/// <summary>
/// The settings every Kafka client carries, whatever its role (consumer, producer, admin, probe): the brokers and the
/// <c>Kafka:Client</c> properties (<c>security.protocol</c>, <c>sasl.*</c>, <c>ssl.*</c>), secret files resolved.
/// </summary>
/// <remarks>Apply them after a role's defaults and before its own section (<c>Kafka:Consumer</c>, <c>Kafka:Producer</c>), which may override them.</remarks>
internal static class KafkaClientSettings
{
    /// <summary>Sets <paramref name="bootstrapServers"/> and every property of <paramref name="client"/> on <paramref name="config"/>.</summary>
    /// <exception cref="InvalidOperationException">A secret file cannot be read.</exception>
    public static T Apply<T>(T config, string bootstrapServers, IReadOnlyDictionary<string, string> client)
        where T : ClientConfig
    {
        config.BootstrapServers = bootstrapServers;
        KafkaConfig.Apply(config, KafkaSecretFiles.Resolve(client));
        return config;
    }

    /// <summary>The service's brokers and <c>Kafka:Client</c> section on <paramref name="config"/>.</summary>
    public static T Apply<T>(T config, KafkaOptions options)
        where T : ClientConfig =>
        Apply(config, options.BootstrapServers, options.Client);

    /// <summary>One log line on what every client connects with, secrets redacted (file references show their path only).</summary>
    public static string Describe(string bootstrapServers, IReadOnlyDictionary<string, string> client)
    {
        var shown = client.Select(kv => new KeyValuePair<string, string>(KafkaConfig.ToLibrdkafkaName(kv.Key), kv.Value)).ToList();
        var protocol = shown.FirstOrDefault(kv => kv.Key == "security.protocol").Value ?? "plaintext";
        return shown.Count == 0
            ? $"kafka clients: {bootstrapServers}, security.protocol={protocol} (no Kafka:Client settings)"
            : $"kafka clients: {bootstrapServers}, {KafkaConfigRedaction.Describe(shown)}";
    }
}
