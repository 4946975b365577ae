using System.Diagnostics;
using System.Text;
using EDTF.Streaming.Kafka.Replay;

namespace EDTF.Streaming.Benchmarks.Replay;

/// <summary>
/// Times the Kafka side alone: N synthetic NMEA-sized records through <see cref="KafkaReplaySink"/> (run: <c>produce-only
/// BOOTSTRAP N [key=value...] [json|json-no-header]</c>; <c>json</c> sends AIS JSON values with their content-type
/// header, as a CSV replay does; <c>json-no-header</c> the same values without it, to tell the two costs apart).
/// </summary>
internal static class ProduceThroughput
{
    public static void Run(string bootstrap, int count, IEnumerable<string> properties)
    {
        var json = properties.Contains("json") || properties.Contains("json-no-header");
        var props = properties.Where(p => p is not "json" and not "json-no-header").Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        var statistics = new ReplayStatistics();
        var options = new ReplayOptions { Inputs = [], BootstrapServers = bootstrap, ProducerProperties = props };
        using var sink = new KafkaReplaySink(options, statistics);
        Console.WriteLine(sink.CheckTopic(TimeSpan.FromSeconds(10)) ?? "topic ok");
        var value = json
            ? Encoding.ASCII.GetBytes("{\"type\":1,\"mmsi\":366000001,\"line\":2,\"time\":\"2026-03-01T00:00:00Z\",\"lat\":38.95123,\"lon\":125.10456,\"sog\":10.5,\"cog\":87.2,\"heading\":88,\"navStatus\":0}")
            : Encoding.ASCII.GetBytes("!AIVDM,1,1,,A,17P@<J?P00blFWmjG@5a5?v62<10,0*27");
        var contentType = properties.Contains("json") ? Ais.Formats.AisReportJson.ContentType : null;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            sink.Send(new ReplayRecord(200_000_000 + (i % 5000), 1_700_000_000_000 + i, value, contentType, "x", i));
        }

        var sent = sw.Elapsed;
        sink.Flush(TimeSpan.FromSeconds(60));
        var total = sw.Elapsed;
        var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        Console.WriteLine($"{statistics.Delivered} delivered; produce calls {count / sent.TotalSeconds:N0}/s, with flush {count / total.TotalSeconds:N0}/s, cpu {cpuUsed.TotalSeconds:F2} s");
    }
}
