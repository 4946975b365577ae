using System.Buffers.Binary;
using Confluent.Kafka;
using EDTF.Streaming.Detection;
using EDTF.Streaming.Kafka;
using EDTF.Streaming.Kafka.State;
using EDTF.Streaming.Tests;

namespace EDTF.Streaming.Cli.Tests.Streaming;

/// <summary>
/// Restores from the state topic: <c>edtf run</c> killed with SIGKILL after a snapshot reads again only what came after it, and the
/// alert updates are those of the offline pipeline; a snapshot of another format falls back to the window rebuild, still correct.
/// </summary>
public sealed class StateRestoreTests : IClassFixture<ScenarioData>, IDisposable
{
    private const int Partitions = 4;
    private readonly ScenarioData _scenario;
    private readonly EmbeddedBroker _broker = EmbeddedBroker.Start(new EmbeddedBrokerOptions { Port = 0, Topics = [] });

    public StateRestoreTests(ScenarioData scenario)
    {
        _scenario = scenario;
    }

    public void Dispose() => _broker.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Run_KilledAfterASnapshot_RestartRereadsOnlyWhatCameAfterItSameAlerts(bool replayTimestamps)
    {
        // replayTimestamps: records stamped with their event time, months old, as edtf replay does.
        var topics = TopicSet.Create(_broker, replayTimestamps ? "state-kill-replay" : "state-kill", Partitions);
        var records = _scenario.Records;
        var cut = records.Count * 6 / 10;
        await Produce(topics, records.Take(cut / 2), replayTimestamps);

        using (var first = ServiceProcess.Start(_broker.BootstrapServers, topics))
        {
            // Half of the first part arrives while the instance runs.
            await first.WaitForAsync(m => Consumed(m) > 0, TimeSpan.FromSeconds(60), "reading");
            await Produce(topics, records.Skip(cut / 2).Take(cut - (cut / 2)), replayTimestamps);
            await first.WaitUntilProcessedAsync(cut, TimeSpan.FromSeconds(90));
            var durable = Durable(await first.MetricsAsync(TimeSpan.FromSeconds(5)));
            await first.WaitForAsync(m => Durable(m) >= durable + 2, TimeSpan.FromSeconds(30), "two more snapshots on the state topic");
            first.Kill();
        }

        var snapshot = NewestSnapshot(topics);
        var reRead = cut - snapshot.Offsets.Values.Sum();
        reRead.Should().BeInRange(0, cut / 20, "a snapshot taken after the input paused reflects all of it but what the merge and reorder held");

        await Produce(topics, records.Skip(cut), replayTimestamps);
        using (var second = ServiceProcess.Start(_broker.BootstrapServers, topics))
        {
            var replayed = records.Count - cut + reRead;
            await second.WaitForAsync(m => m.GetValueOrDefault("edtf_state_restore_replayed_records") > 0 && CaughtUp(m), TimeSpan.FromSeconds(90), "caught up after the restore");
            var m = await second.MetricsAsync(TimeSpan.FromSeconds(5));
            Fallbacks(m).Should().Be(0, second.Log);
            m["edtf_state_restore_replayed_records"].Should().Be(replayed, "the restored instance starts at the snapshot's offsets: it re-reads {0} records, not the {1} of the window", reRead, cut);
            Consumed(m).Should().Be(replayed);
            second.Log.Should().Contain("state: restored snapshot").And.Contain("state: caught up");
            await AlertsAsync(topics, _scenario.Expected.Count);
        }

        var published = await AlertsAsync(topics, _scenario.Expected.Count);
        published.Distinct().Should().BeEquivalentTo(_scenario.Expected, "every update is there, repeats only as the same update, no new ids");
    }

    [Fact]
    public async Task Run_SnapshotOfAnotherFormatOnTheTopic_FallsBackToTheWindowRebuildSameAlerts()
    {
        var topics = TopicSet.Create(_broker, "state-old-format", Partitions);
        var records = _scenario.Records;
        await Produce(topics, records, eventTimeStamps: false);
        WriteSnapshotOfFormat(topics, version: 0, offsets: Enumerable.Range(0, Partitions).ToDictionary(p => p, _ => 5L));

        await using var service = await ServiceUnderTest.StartAsync(_broker.BootstrapServers, topics);
        await service.WaitUntilProcessedAsync(records.Count, TimeSpan.FromSeconds(90));

        var m = await service.MetricsAsync();
        m.GetValueOrDefault("edtf_state_restore_fallbacks_total{reason=\"format\"}").Should().Be(1);
        Consumed(m).Should().Be(records.Count, "the fallback reads the window: here all of the input, not from the snapshot's offsets");
        (await AlertsAsync(topics, _scenario.Expected.Count)).Should().BeEquivalentTo(_scenario.Expected);
    }

    /// <summary>The alert updates on the topic once it holds <paramref name="distinct"/> different ones (or after 30 s).</summary>
    private async Task<List<AlertKey>> AlertsAsync(TopicSet topics, int distinct)
    {
        var (published, _) = await Eventually.PollAsync(
            () => TopicReader.ReadAll(_broker.BootstrapServers, topics.Alerts, Partitions).Select(a => AlertKey.Of(AlertJson.Deserialize(a.Message.Value))).ToList(),
            p => p.Distinct().Count() >= distinct,
            TimeSpan.FromSeconds(30));
        return published;
    }

    private static double Consumed(Dictionary<string, double> m) => m.GetValueOrDefault("edtf_records_consumed_total");

    private static double Durable(Dictionary<string, double> m) => m.GetValueOrDefault("edtf_state_snapshots_total{outcome=\"durable\"}");

    private static double Fallbacks(Dictionary<string, double> m) =>
        m.Where(kv => kv.Key.StartsWith("edtf_state_restore_fallbacks_total", StringComparison.Ordinal)).Sum(kv => kv.Value);

    private static bool CaughtUp(Dictionary<string, double> m) =>
        m.Keys.Any(k => k.StartsWith("edtf_consumer_lag_records{", StringComparison.Ordinal))
        && m.Where(kv => kv.Key.StartsWith("edtf_consumer_lag_records{", StringComparison.Ordinal)).Sum(kv => kv.Value) == 0;

    private Task Produce(TopicSet topics, IEnumerable<ScenarioRecord> records, bool eventTimeStamps) =>
        ScenarioProducer.ProduceAsync(_broker.BootstrapServers, topics.Input, records, eventTimeStamps);

    /// <summary>The newest complete snapshot of the test's group on its state topic.</summary>
    private FoundSnapshot NewestSnapshot(TopicSet topics)
    {
        var state = new StateTopic(Kafka(topics), new StateOptions { Topic = topics.State }, _ => { });
        return state.FindNewest(Enumerable.Range(0, Partitions).ToHashSet(), out _, out _, out _) ?? throw new InvalidOperationException("no snapshot on the state topic");
    }

    /// <summary>A snapshot covering every partition whose pipeline part has format <paramref name="version"/>, as an older build would have written it.</summary>
    private void WriteSnapshotOfFormat(TopicSet topics, int version, Dictionary<int, long> offsets)
    {
        using var buffer = new MemoryStream();
        new DetectionPipeline(new DetectionOptions(), Watchlist.Empty, PortAreas.Empty, _ => { }).WriteSnapshot(buffer);
        var bytes = buffer.ToArray();
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(8), version);
        var kafka = Kafka(topics);
        var chunk = new StateChunk(kafka.GroupId, kafka.InputTopic, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000, 0, 1, offsets, bytes);
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = _broker.BootstrapServers }).Build();
        producer.Produce(topics.State, new Message<string, byte[]> { Key = StateChunk.Key(kafka.GroupId, kafka.InputTopic, offsets.Keys, (int)(chunk.SnapshotId & 1), 0), Value = chunk.Encode() });
        producer.Flush(TimeSpan.FromSeconds(10)).Should().Be(0);
    }

    private KafkaOptions Kafka(TopicSet topics) =>
        new() { BootstrapServers = _broker.BootstrapServers, InputTopic = topics.Input, GroupId = topics.Input + "-group" };
}
