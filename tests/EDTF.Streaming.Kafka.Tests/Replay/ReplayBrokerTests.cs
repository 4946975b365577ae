using System.Globalization;
using EDTF.Streaming.Ais;
using EDTF.Streaming.Ais.Formats;
using EDTF.Streaming.Kafka.Replay;
using EDTF.Streaming.Tests;

namespace EDTF.Streaming.Kafka.Tests.Replay;

/// <summary>Replays into the embedded broker and counts what arrived with kcat, an independent client.</summary>
public sealed class ReplayBrokerTests : IDisposable
{
    private static readonly DateTime T0 = new(2023, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private readonly EmbeddedBroker _broker = EmbeddedBroker.Start(new EmbeddedBrokerOptions { Port = 0, Partitions = 4, Topics = ["ais.raw"] });
    private readonly string _folder = Some.TempFolder();

    public void Dispose()
    {
        _broker.Dispose();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task Replay_NmeaCaptures_EveryDecodedMessageArrivesKeyedByMmsiWithEventTime()
    {
        string[] captures = [TestPaths.AisData("amsa-risky/exact-earth-with-tag-block.txt"), TestPaths.AisData("amsa-risky/nmea-timestamped.txt")];
        var expected = captures.SelectMany(Decode).ToList();

        var statistics = await ReplayAsync(new ReplayOptions { Inputs = captures, BootstrapServers = _broker.BootstrapServers });

        statistics.Delivered.Should().Be(expected.Count);
        var arrived = await ConsumeAsync("%k %T %S");
        arrived.Should().HaveCount(expected.Count, "every decoded message is one record");
        arrived.Select(a => a[0]).Should().BeEquivalentTo(expected.Select(r => r.Mmsi.ToString(CultureInfo.InvariantCulture)));
        arrived.Select(a => long.Parse(a[1], CultureInfo.InvariantCulture))
            .Should().BeEquivalentTo(expected.Select(r => r.EventTimeMs!.Value), "the Kafka timestamp is the event time");
    }

    [Fact]
    public async Task Replay_CsvWithFromTo_SendsExactlyTheWindowAsJsonRecords()
    {
        var rows = Enumerable.Range(0, 60).Select(i => Some.Row(366_000_000 + (i % 3), T0.AddMinutes(i)));
        var path = Some.WriteCsv(_folder, "day.csv", [.. rows, "366000009,2023-01-01T00:10:00,95,0,,,,,,,,,,,,,A"]);
        var options = new ReplayOptions
        {
            Inputs = [path],
            BootstrapServers = _broker.BootstrapServers,
            FromMs = Some.Ms(T0.AddMinutes(10)),
            ToMs = Some.Ms(T0.AddMinutes(40)),
        };

        var statistics = await ReplayAsync(options);

        statistics.Rejected.Should().Be(1);
        var arrived = await ConsumeAsync("%k %T %h");
        arrived.Should().HaveCount(30);
        arrived.Select(a => long.Parse(a[1], CultureInfo.InvariantCulture)).Order()
            .Should().Equal(Enumerable.Range(10, 30).Select(i => Some.Ms(T0.AddMinutes(i))));
        arrived.Should().OnlyContain(a => a[2] == "content-type=" + AisReportJson.ContentType);
    }

    private async Task<ReplayStatistics> ReplayAsync(ReplayOptions options)
    {
        var statistics = new ReplayStatistics();
        using var sink = new KafkaReplaySink(options, statistics);
        sink.CheckTopic(TimeSpan.FromSeconds(10)).Should().BeNull();
        var completed = await new ReplayRunner(options, sink, TimeProvider.System, statistics).RunAsync(CancellationToken.None);
        completed.Should().BeTrue();
        statistics.Failed.Should().Be(0);
        return statistics;
    }

    private async Task<List<string[]>> ConsumeAsync(string format)
    {
        var output = await Kcat.RunAsync(["-b", _broker.BootstrapServers, "-C", "-t", "ais.raw", "-e", "-q", "-f", format + "\n"]);
        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' '))];
    }

    private static List<AisReport> Decode(string path)
    {
        var sink = new ReportList();
        NmeaFileReader.Decode(path, new NmeaDecoder(), sink);
        return sink.Reports;
    }

    private sealed class ReportList : IAisReportSink
    {
        public List<AisReport> Reports { get; } = [];

        public void OnReport(in AisReport report) => Reports.Add(report);

        public void OnReject(in DecodeReject reject)
        {
        }
    }
}
