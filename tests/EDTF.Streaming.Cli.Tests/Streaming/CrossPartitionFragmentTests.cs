using System.Text;
using EDTF.Streaming.Ais;
using EDTF.Streaming.Detection;
using EDTF.Streaming.Kafka;
using EDTF.Streaming.Tests;

namespace EDTF.Streaming.Cli.Tests.Streaming;

/// <summary>
/// One NMEA line per record, unkeyed, spread at random over twelve partitions: the two fragments of a type 5 land on
/// different partitions and are consumed thousands of lines apart, yet the service must decode them as the file is decoded.
/// </summary>
public sealed class CrossPartitionFragmentTests : IClassFixture<ScenarioData>, IDisposable
{
    private const int Partitions = 12;
    private readonly ScenarioData _scenario;
    private readonly EmbeddedBroker _broker = EmbeddedBroker.Start(new EmbeddedBrokerOptions { Port = 0, Topics = [] });

    public CrossPartitionFragmentTests(ScenarioData scenario)
    {
        _scenario = scenario;
    }

    public void Dispose() => _broker.Dispose();

    [Fact]
    public async Task Run_OneLinePerRecordUnkeyedOverTwelvePartitions_DecodesEveryMessageAndAlertsMatchOffline()
    {
        var lines = _scenario.Lines.Where(l => l.Length > 0).ToList();
        var records = lines.Select(l => new ScenarioRecord("line", l)).ToList();

        // The scenario must make the point: multi-sentence messages, and alerts that need a type 5's IMO on the watch list.
        var watchlist = DefaultConfig.LoadWatchlist(TestPaths.InRepo("config/watchlist.csv"));
        var reports = ScenarioData.OfflineReports(records);
        reports.Should().Contain(r => r.MessageType == 5 && r.Imo != null && watchlist.ByImo(r.Imo.Value).Count > 0, "a listed IMO arrives only in type 5");
        var withoutStatic = ScenarioData.OfflineAlertsWithout(records, messageType: 5);
        _scenario.Expected.Except(withoutStatic).Should().NotBeEmpty("some alerts exist only because a type 5 named the vessel");

        var topics = TopicSet.Create(_broker, "fragments", Partitions);

        // Unkeyed, every record to a random partition (no sticky batching), as a feed producing one line per record does.
        await Kcat.RunAsync(
            ["-b", _broker.BootstrapServers, "-P", "-t", topics.Input, "-D", "\\x1e", "-X", "sticky.partitioning.linger.ms=0"],
            ScenarioData.KcatInput(records, keyed: false),
            TimeSpan.FromSeconds(60));
        var consumed = TopicReader.ReadAll(_broker.BootstrapServers, topics.Input, Partitions);
        consumed.Should().HaveCount(records.Count);
        var partitionOf = consumed.ToDictionary(r => Encoding.UTF8.GetString(r.Message.Value!), r => r.Partition.Value);
        var split = 0;
        for (var i = 0; i + 1 < lines.Count; i++)
        {
            if (lines[i].Contains("!AIVDM,2,1,", StringComparison.Ordinal) && lines[i + 1].Contains("!AIVDM,2,2,", StringComparison.Ordinal)
                && partitionOf.TryGetValue(lines[i], out var p1) && partitionOf.TryGetValue(lines[i + 1], out var p2) && p1 != p2)
            {
                split++;
            }
        }

        split.Should().BeGreaterThan(100, "most two-sentence messages must be split across partitions");

        await using var service = await ServiceUnderTest.StartAsync(_broker.BootstrapServers, topics);
        await service.WaitUntilProcessedAsync(records.Count, TimeSpan.FromSeconds(90));

        // Fragments still waiting once the input is consumed are rejected after it has been quiet for a second (test setting).
        await Eventually.PollAsync(() => service.Service.DecoderStatistics.PendingGroups, pending => pending == 0, TimeSpan.FromSeconds(30));

        var alerts = TopicReader.ReadAll(_broker.BootstrapServers, topics.Alerts, Partitions);
        alerts.Select(a => AlertKey.Of(AlertJson.Deserialize(a.Message.Value))).Should().BeEquivalentTo(_scenario.Expected);

        // The file decoded as `edtf detect` decodes it (flushed at its end): the service, once the input went quiet, must have
        // decoded the same messages and rejected the same fragments, whatever the partitioning.
        var file = new NmeaDecoder();
        var sink = new Discard();
        for (var i = 0; i < lines.Count; i++)
        {
            file.DecodeLine(Encoding.UTF8.GetBytes(lines[i]), i + 1, null, sink);
        }

        file.Flush(sink);
        var offline = file.Statistics;
        var m = await service.MetricsAsync();
        m["edtf_sentences_decoded_total"].Should().Be(offline.Sentences);
        foreach (var reason in new[] { RejectReason.OrphanFragment, RejectReason.ExpiredFragments })
        {
            m.GetValueOrDefault($"edtf_decode_rejects_total{{reason=\"{RejectReasons.ToLabel(reason)}\"}}")
                .Should().Be(offline.RejectsOf(reason), $"{RejectReasons.ToLabel(reason)} rejects must be those of the file, not of the partitioning");
        }

        var decoded = service.Service.DecoderStatistics;
        decoded.Messages.Should().Be(offline.Messages);
        decoded.MessagesOfType(5).Should().Be(offline.MessagesOfType(5));

        // Offsets held back by fragments were stored once their messages completed or were given up: all committed.
        var ends = consumed.GroupBy(r => r.Partition.Value).ToDictionary(g => g.Key, g => g.Max(r => r.Offset.Value) + 1);
        (await CommittedAsync(topics, ends)).Should().BeEquivalentTo(ends);
        service.Service.HeldRecords.Should().Be(0, "every held record was released");
        await service.WaitForMetricAsync("edtf_records_held_for_fragments", 0, TimeSpan.FromSeconds(30));
    }

    [Theory]
    [InlineData(1, 12)]
    [InlineData(2, 12)]
    [InlineData(3, 5)]
    [InlineData(4, 32)]
    public void RecordDecoder_LinesSplitAtRandomOverPartitionsReadInChunks_SameMessagesAndFragmentRejectsAsTheFile(int seed, int partitions)
    {
        // The service's decoder fed as librdkafka feeds it: one line per record, each record on a random partition, partitions
        // read in chunks of random size in random order (so partitions drift apart), each partition's end announced.
        var lines = _scenario.Lines.Where(l => l.Length > 0).ToList();
        var random = new Random(seed);
        var queues = Enumerable.Range(0, partitions).Select(_ => new Queue<string>()).ToArray();
        foreach (var line in lines)
        {
            queues[random.Next(partitions)].Enqueue(line);
        }

        var decoder = new RecordDecoder();
        var rejects = new List<DecodeReject>();
        for (var p = 0; p < partitions; p++)
        {
            decoder.AddPartition(p);
        }

        var order = Enumerable.Range(0, partitions).ToArray();
        while (queues.Any(q => q.Count > 0))
        {
            random.Shuffle(order);
            foreach (var p in order.Where(p => queues[p].Count > 0))
            {
                for (var n = random.Next(50, 1500); n > 0 && queues[p].Count > 0; n--)
                {
                    decoder.Decode(Encoding.UTF8.GetBytes(queues[p].Dequeue()), 0, p);
                    rejects.AddRange(decoder.Rejects);
                }

                if (queues[p].Count == 0)
                {
                    decoder.PartitionAtEnd(p);
                    rejects.AddRange(decoder.Rejects);
                }
            }
        }

        decoder.Flush();
        rejects.AddRange(decoder.Rejects);

        var file = new NmeaDecoder();
        var sink = new Discard();
        for (var i = 0; i < lines.Count; i++)
        {
            file.DecodeLine(Encoding.UTF8.GetBytes(lines[i]), i + 1, null, sink);
        }

        file.Flush(sink);
        decoder.Statistics.Messages.Should().Be(file.Statistics.Messages);
        decoder.Statistics.MessagesOfType(5).Should().Be(file.Statistics.MessagesOfType(5)).And.BeGreaterThan(100);
        rejects.Count(r => r.Reason == RejectReason.OrphanFragment).Should().Be((int)file.Statistics.RejectsOf(RejectReason.OrphanFragment));
        rejects.Count(r => r.Reason == RejectReason.ExpiredFragments).Should().Be((int)file.Statistics.RejectsOf(RejectReason.ExpiredFragments));
    }

    private async Task<Dictionary<int, long>> CommittedAsync(TopicSet topics, Dictionary<int, long> ends)
    {
        using var consumer = new Confluent.Kafka.ConsumerBuilder<byte[], byte[]>(
            new Confluent.Kafka.ConsumerConfig { BootstrapServers = _broker.BootstrapServers, GroupId = topics.Input + "-group" }).Build();
        var tps = Enumerable.Range(0, Partitions).Select(p => new Confluent.Kafka.TopicPartition(topics.Input, p)).ToList();
        var (committed, _) = await Eventually.PollAsync(
            () => consumer.Committed(tps, TimeSpan.FromSeconds(5)).Where(c => c.Offset.Value > 0).ToDictionary(c => c.Partition.Value, c => c.Offset.Value),
            committed => ends.All(e => committed.GetValueOrDefault(e.Key) == e.Value),
            TimeSpan.FromSeconds(20));
        return committed;
    }

    private sealed class Discard : IAisReportSink
    {
        public void OnReport(in AisReport report)
        {
        }

        public void OnReject(in DecodeReject reject)
        {
        }
    }
}
