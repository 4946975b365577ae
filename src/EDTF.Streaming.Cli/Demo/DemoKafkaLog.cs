using Confluent.Kafka;
using EDTF.Streaming.Kafka.Clients;

namespace EDTF.Streaming.Cli.Demo;

/// <summary>librdkafka's warnings and errors of the demo's own clients, on standard error beside the host's log.</summary>
internal static class DemoKafkaLog
{
    public static Action<LogMessage> Warnings { get; } = KafkaLog.To(line => Console.Error.WriteLine($"edtf demo: {line}"), SyslogLevel.Warning);
}
