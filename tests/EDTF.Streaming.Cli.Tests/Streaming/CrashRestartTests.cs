using System.Diagnostics;
using Confluent.Kafka;
using EDTF.Streaming.Detection;
using EDTF.Streaming.Kafka;
using EDTF.Streaming.Tests;

namespace EDTF.Streaming.Cli.Tests.Streaming;

/// <summary><c>edtf run</c> as a real process, killed with SIGKILL mid-stream and restarted: no alert update may be lost.</summary>
public sealed class CrashRestartTests : IClassFixture<ScenarioData>, IDisposable
{
    private const int Partitions = 4;
    private readonly ScenarioData _scenario;
    private readonly EmbeddedBroker _broker = EmbeddedBroker.Start(new EmbeddedBrokerOptions { Port = 0, Topics = [] });

    public CrashRestartTests(ScenarioData scenario)
    {
        _scenario = scenario;
    }

    public void Dispose() => _broker.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Run_KilledMidStreamThenRestarted_NoAlertUpdateLost(bool replayTimestamps)
    {
        // replayTimestamps: records stamped with their event time, as edtf replay does (months before the wall clock), so the
        // state-rebuild window cannot be found from the wall clock.
        var topics = TopicSet.Create(_broker, replayTimestamps ? "crash-replay" : "crash", Partitions);
        _eventTimeStamps = replayTimestamps;
        var records = _scenario.Records;

        // Cut where the first part already yields some, but not all, of the alert updates.
        var cut = new[] { 0.5, 0.6, 0.7, 0.8, 0.9 }.Select(f => (int)(records.Count * f))
            .First(n => ScenarioData.OfflineAlerts(records.Take(n)).Count is var k && k > 0 && k < _scenario.Expected.Count);
        await Produce(topics, records.Take(cut));

        using (var first = ServiceProcess.Start(_broker.BootstrapServers, topics))
        {
            await first.WaitUntilProcessedAsync(cut, TimeSpan.FromSeconds(60));
            await WaitForCommittedOffsetsAsync(topics);
            TopicReader.ReadAll(_broker.BootstrapServers, topics.Alerts, Partitions).Should().NotBeEmpty("the first run published alerts before the crash");
            first.Kill();
        }

        await Produce(topics, records.Skip(cut));
        using (var second = ServiceProcess.Start(_broker.BootstrapServers, topics))
        {
            await second.WaitUntilCaughtUpAsync(records.Count - cut, TimeSpan.FromSeconds(60));
        }

        var published = TopicReader.ReadAll(_broker.BootstrapServers, topics.Alerts, Partitions)
            .Select(a => AlertKey.Of(AlertJson.Deserialize(a.Message.Value)))
            .ToList();
        published.Distinct().Should().BeEquivalentTo(_scenario.Expected, "every update is there, repeats only as the same update");
        published.GroupBy(a => (a.AlertId, a.Status)).Should().OnlyContain(g => g.Distinct().Count() == 1);
    }

    private bool _eventTimeStamps;

    private Task Produce(TopicSet topics, IEnumerable<ScenarioRecord> records) =>
        ScenarioProducer.ProduceAsync(_broker.BootstrapServers, topics.Input, records, _eventTimeStamps);

    private async Task WaitForCommittedOffsetsAsync(TopicSet topics)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig { BootstrapServers = _broker.BootstrapServers, GroupId = topics.Input + "-group" }).Build();
        var tps = Enumerable.Range(0, Partitions).Select(p => new TopicPartition(topics.Input, p)).ToList();
        var (_, done) = await Eventually.PollAsync(() => consumer.Committed(tps, TimeSpan.FromSeconds(5)), c => c.Any(o => o.Offset.Value > 0), TimeSpan.FromSeconds(15));
        if (!done)
        {
            throw new TimeoutException("the first run never committed an offset");
        }
    }
}
