using System.Globalization;
using System.Text;
using Confluent.Kafka;
using EDTF.Streaming.Ais;
using EDTF.Streaming.Ais.Encoders;
using EDTF.Streaming.Detection;
using EDTF.Streaming.Kafka;
using EDTF.Streaming.Tests;

namespace EDTF.Streaming.Cli.Tests.Streaming;

/// <summary>
/// The rows of issue 11 produced with kcat in the middle of the demo scenario: the service stays up, each bad record is
/// dead-lettered or counted with its reason, the alert updates are those of the scenario alone, and every offset is committed.
/// </summary>
public sealed class HostileInputTests : IClassFixture<ScenarioData>, IDisposable
{
    private const int Partitions = 4;
    private const string JsonContentType = "application/vnd.edtf.ais+json";

    /// <summary>Under the embedded broker's ~5 MiB per partition with the scenario's share of the partition beside it; over every service limit.</summary>
    private const int RandomRecordBytes = 4_000_000;

    /// <summary>Lines of five bytes: under <c>Kafka:MaxRecordBytes</c> (1 MiB), so the line limit is what rejects it, and over <c>Kafka:MaxDeadLetterBytes</c>.</summary>
    private const int GarbageLines = 200_000;

    private static readonly string[] BigRecordProducerSettings = ["-X", "message.max.bytes=10000000"];

    private readonly ScenarioData _scenario;
    private readonly EmbeddedBroker _broker = EmbeddedBroker.Start(new EmbeddedBrokerOptions { Port = 0, Topics = [] });
    private readonly string _dir = Directory.CreateTempSubdirectory("edtf-hostile-").FullName;

    public HostileInputTests(ScenarioData scenario)
    {
        _scenario = scenario;
    }

    public void Dispose()
    {
        _broker.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Run_HostileRecordsMidScenario_ServiceStaysUpAlertsMatchOfflineAndEachRecordIsAccountedFor()
    {
        var topics = TopicSet.Create(_broker, "hostile", Partitions);
        var half = _scenario.Records.Count / 2;
        await ProduceKeyedAsync(topics, _scenario.Records.Take(half));
        var hostile = await ProduceHostileRecordsAsync(topics);
        await ProduceKeyedAsync(topics, _scenario.Records.Skip(half));
        var total = _scenario.Records.Count + hostile.Count;

        await using var service = await ServiceUnderTest.StartAsync(_broker.BootstrapServers, topics);
        await service.WaitUntilProcessedAsync(total, TimeSpan.FromSeconds(90));

        service.Service.Faulted.Should().BeFalse("no record may stop the service");
        (await service.GetResponseAsync("/healthz")).IsSuccessStatusCode.Should().BeTrue();

        var alerts = TopicReader.ReadAll(_broker.BootstrapServers, topics.Alerts, Partitions);
        alerts.Select(a => AlertKey.Of(AlertJson.Deserialize(a.Message.Value))).Should().BeEquivalentTo(_scenario.Expected,
            "the bad records change nothing in the alert updates of the good ones");

        var dlq = TopicReader.ReadAll(_broker.BootstrapServers, topics.Dlq, 3);
        dlq.Should().HaveCount(_scenario.ExpectedDeadLetters + hostile.Count(h => h.Reason is not null), "each bad record is dead-lettered once, beside the scenario's own");
        foreach (var h in hostile.Where(h => h.Reason is not null))
        {
            var letter = dlq.Should().ContainSingle(d => Header(d, KafkaHeaderNames.ErrorPartition) == h.Partition && Header(d, KafkaHeaderNames.ErrorOffset) == h.Offset,
                $"the {h.Name} record at {h.Partition}@{h.Offset} is dead-lettered").Subject;
            Header(letter, KafkaHeaderNames.ErrorReason).Should().Be(h.Reason, h.Name);
            if (h.Bytes > new KafkaOptions().MaxDeadLetterBytes)
            {
                Header(letter, KafkaHeaderNames.DeadLetterTruncated).Should().Be("true", $"the {h.Name} record is over Kafka:MaxDeadLetterBytes");
                Header(letter, KafkaHeaderNames.DeadLetterOriginalBytes).Should().Be(h.Bytes.ToString(CultureInfo.InvariantCulture));
                letter.Message.Value.Should().NotBeNull().And.HaveCount(new KafkaOptions().MaxDeadLetterBytes);
            }
            else
            {
                Encoding.UTF8.GetString(letter.Message.Value!).Should().Be(h.Value, $"the {h.Name} record is dead-lettered whole");
            }
        }

        await service.WaitForMetricAsync("edtf_reports_held_ahead", 1, TimeSpan.FromSeconds(30)); // the line dated 2099: held, never believed
        var m = await service.MetricsAsync();
        foreach (var reason in hostile.Where(h => h.Reason is not null).GroupBy(h => h.Reason!))
        {
            var parsed = RejectReasons.All.Single(r => RejectReasons.ToLabel(r) == reason.Key);
            m[$"edtf_decode_rejects_total{{reason=\"{reason.Key}\"}}"].Should().Be(_scenario.Decoder.RejectsOf(parsed) + reason.Count(), reason.Key);
        }

        m["edtf_processing_errors_total"].Should().Be(0, "every bad record is caught by a check, not by an exception");
        m["edtf_dead_letter_errors_total"].Should().Be(0);
        await WaitUntilAllOffsetsCommittedAsync(topics, TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task Run_RestartedOnTheSameGroupAfterHostileRecords_GoesOnPastThemAndAlertsMatchOffline()
    {
        var topics = TopicSet.Create(_broker, "hostile-restart", Partitions);
        var half = _scenario.Records.Count / 2;
        await ProduceKeyedAsync(topics, _scenario.Records.Take(half));
        var hostile = await ProduceHostileRecordsAsync(topics);
        await using (var first = await ServiceUnderTest.StartAsync(_broker.BootstrapServers, topics))
        {
            await first.WaitUntilProcessedAsync(half + hostile.Count, TimeSpan.FromSeconds(90));
            await WaitUntilAllOffsetsCommittedAsync(topics, TimeSpan.FromSeconds(20));
            first.Service.Faulted.Should().BeFalse();
        }

        await ProduceKeyedAsync(topics, _scenario.Records.Skip(half));
        await using var second = await ServiceUnderTest.StartAsync(_broker.BootstrapServers, topics);
        await WaitUntilAllOffsetsCommittedAsync(topics, TimeSpan.FromSeconds(90));

        second.Service.Faulted.Should().BeFalse("a restart replays the bad records and must survive them again");
        var published = TopicReader.ReadAll(_broker.BootstrapServers, topics.Alerts, Partitions)
            .Select(a => AlertKey.Of(AlertJson.Deserialize(a.Message.Value)))
            .ToList();
        published.Distinct().Should().BeEquivalentTo(_scenario.Expected, "the restarted service goes on past the bad records as if they were not there");
        published.GroupBy(a => (a.AlertId, a.Status)).Should().OnlyContain(g => g.Distinct().Count() == 1, "repeats after a restart are the same update");
    }

    /// <summary>Produces every hostile record of issue 11; returns where each landed.</summary>
    private async Task<List<HostileRecord>> ProduceHostileRecordsAsync(TopicSet topics)
    {
        var random = new byte[RandomRecordBytes];
        new Random(11).NextBytes(random);
        var randomPath = Path.Combine(_dir, "random.bin");
        await File.WriteAllBytesAsync(randomPath, random);
        var garbagePath = Path.Combine(_dir, "garbage.txt");
        await File.WriteAllTextAsync(garbagePath, string.Concat(Enumerable.Repeat("~#?!\n", GarbageLines)));
        // Each big record alone on a partition (files go as one record each), so the broker's retention keeps the scenario's records.
        await Kcat.RunAsync(["-b", _broker.BootstrapServers, "-P", "-t", topics.Input, "-p", "0", .. BigRecordProducerSettings, randomPath]);
        await Kcat.RunAsync(["-b", _broker.BootstrapServers, "-P", "-t", topics.Input, "-p", "1", .. BigRecordProducerSettings, garbagePath]);

        var json = new[]
        {
            new ScenarioRecord("445000901", """{"type":1,"mmsi":445000901,"time":-7200000,"lat":39.0,"lon":124.5,"sog":9}"""),
            new ScenarioRecord("445000902", """{"type":1,"mmsi":445000902,"time":"2026-03-01T05:00:00Z","lat":21474836.465,"lon":124.5,"sog":9}"""),
            new ScenarioRecord("445000903", """{"type":1,"mmsi":445000903,"time":9e15,"lat":39.0,"lon":124.5,"sog":9}"""),
        };
        await Kcat.RunAsync(["-b", _broker.BootstrapServers, "-P", "-t", topics.Input, "-H", "content-type=" + JsonContentType, "-K", "\t", "-D", "\\x1e"],
            ScenarioData.KcatInput(json, keyed: true));
        var year2099 = new ScenarioRecord("445000904", AisEncoder.TagBlock(4_070_908_800, "rx1")
            + AisEncoder.ToSentences(AisEncoder.EncodePosition(new AisReport { MessageType = 1, Mmsi = 445000904, Latitude = 39.0, Longitude = 124.5, SpeedKnots = 9 }), 'A', 0).Single());
        await ProduceKeyedAsync(topics, [year2099]);

        var located = TopicReader.ReadAll(_broker.BootstrapServers, topics.Input, Partitions);

        HostileRecord Find(string name, string? reason, Func<ConsumeResult<byte[]?, byte[]?>, bool> match)
        {
            var r = located.Single(match);
            return new HostileRecord(name, reason, r.Partition.Value.ToString(CultureInfo.InvariantCulture), r.Offset.Value.ToString(CultureInfo.InvariantCulture),
                r.Message.Value!.Length, Encoding.UTF8.GetString(r.Message.Value));
        }

        string KeyOf(ConsumeResult<byte[]?, byte[]?> r) => r.Message.Key is { } k ? Encoding.UTF8.GetString(k) : "";
        return
        [
            Find("random bytes", "record_too_large", r => r.Message.Value!.Length == RandomRecordBytes),
            Find("garbage lines", "too_many_lines", r => r.Message.Value!.Length == GarbageLines * 5),
            Find("negative time", "implausible_time", r => KeyOf(r) == "445000901"),
            Find("latitude overflow", "out_of_range", r => KeyOf(r) == "445000902"),
            Find("time 9e15", "implausible_time", r => KeyOf(r) == "445000903"),
            Find("TAG time 2099", null, r => KeyOf(r) == "445000904"),
        ];
    }

    private async Task ProduceKeyedAsync(TopicSet topics, IEnumerable<ScenarioRecord> records) =>
        await Kcat.RunAsync(["-b", _broker.BootstrapServers, "-P", "-t", topics.Input, "-K", "\t", "-D", "\\x1e"], ScenarioData.KcatInput(records, keyed: true));

    private async Task WaitUntilAllOffsetsCommittedAsync(TopicSet topics, TimeSpan timeout)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig { BootstrapServers = _broker.BootstrapServers, GroupId = topics.Input + "-group" })
            .SetLogHandler((_, _) => { }).Build();
        var tps = Enumerable.Range(0, Partitions).Select(p => new TopicPartition(topics.Input, p)).ToList();
        var ends = tps.ToDictionary(tp => tp.Partition.Value, tp => consumer.QueryWatermarkOffsets(tp, TimeSpan.FromSeconds(10)).High.Value);
        var (committed, done) = await Eventually.PollAsync(
            () => consumer.Committed(tps, TimeSpan.FromSeconds(5)),
            c => c.All(o => o.Offset.Value == ends[o.Partition.Value]),
            timeout);
        done.Should().BeTrue($"every input offset is committed in the end (committed {string.Join(", ", committed.Select(o => $"{o.Partition.Value}@{o.Offset.Value}"))}; ends {string.Join(", ", ends.Select(e => $"{e.Key}@{e.Value}"))})");
    }

    private static string? Header(ConsumeResult<byte[]?, byte[]?> r, string name) =>
        r.Message.Headers.TryGetLastBytes(name, out var v) ? Encoding.UTF8.GetString(v) : null;

    /// <summary>One hostile record as it landed on the input topic, and the reject reason it must be dead-lettered with (none: held, not dead-lettered).</summary>
    private sealed record HostileRecord(string Name, string? Reason, string Partition, string Offset, int Bytes, string Value);
}
