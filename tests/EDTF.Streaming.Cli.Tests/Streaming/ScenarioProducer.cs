using Confluent.Kafka;
using EDTF.Streaming.Tests;

namespace EDTF.Streaming.Cli.Tests.Streaming;

/// <summary>Produces scenario records to a test's input topic: with kcat (record timestamp = now), or stamped with their event time as <c>edtf replay</c> does.</summary>
internal static class ScenarioProducer
{
    public static async Task ProduceAsync(string bootstrap, string topic, IEnumerable<ScenarioRecord> records, bool eventTimeStamps)
    {
        if (!eventTimeStamps)
        {
            await Kcat.RunAsync(["-b", bootstrap, "-P", "-t", topic, "-K", "\t", "-D", "\\x1e"], ScenarioData.KcatInput(records, keyed: true));
            return;
        }

        using var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = bootstrap, LingerMs = 5 }).Build();
        foreach (var r in records)
        {
            var tag = System.Text.RegularExpressions.Regex.Match(r.Value, @"c:(\d+)");
            var ms = tag.Success ? long.Parse(tag.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) * 1000 : 0;
            producer.Produce(topic, new Message<string, string> { Key = r.Key, Value = r.Value, Timestamp = ms > 0 ? new Timestamp(ms, TimestampType.CreateTime) : Timestamp.Default });
        }

        producer.Flush(TimeSpan.FromSeconds(30));
    }
}
