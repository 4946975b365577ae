using EDTF.Streaming.Detection;
using EDTF.Streaming.Kafka;
using EDTF.Streaming.Tests;

namespace EDTF.Streaming.Cli.Tests.Streaming;

/// <summary>The two-open-updates scenario simulated once (one transfer: open medium, then open high).</summary>
public sealed class TwoOpenUpdatesScenario : IDisposable
{
    internal ScenarioData Data { get; } = new(TestPaths.InRepo("tests/data/scenarios/two-open-updates.json"));

    public void Dispose() => Data.Dispose();
}

/// <summary>Restarts between two updates of one alert with the same status: repeats are recognised by <c>ce_id</c>, new updates still published.</summary>
public sealed class RepeatRecognitionTests : IClassFixture<TwoOpenUpdatesScenario>, IDisposable
{
    private const int Partitions = 2;
    private readonly ScenarioData _scenario;
    private readonly EmbeddedBroker _broker = EmbeddedBroker.Start(new EmbeddedBrokerOptions { Port = 0, Topics = [] });

    public RepeatRecognitionTests(TwoOpenUpdatesScenario scenario)
    {
        _scenario = scenario.Data;
    }

    public void Dispose() => _broker.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Run_RestartedBetweenTwoOpenUpdatesOfOneAlert_SecondStillPublishedFirstNotRepeated(bool snapshots)
    {
        // Without snapshots the restart rebuilds state from the window and recognises the medium update by its ce_id; with them
        // it restores the state the stop left and the medium update is not made again at all.
        var topics = TopicSet.Create(_broker, snapshots ? "two-open-state" : "two-open", Partitions);
        var settings = new Dictionary<string, string?> { ["State:SnapshotIntervalSeconds"] = snapshots ? "1" : "0" };
        var records = _scenario.Records;
        var expected = ScenarioData.OfflineUpdates(records);
        expected.Where(a => a.Status == "open").Select(a => a.Confidence).Should().Equal(["medium", "high"], "the scenario gives one alert with two open updates");
        var cut = Enumerable.Range(1, 19).Select(i => records.Count * i / 20)
            .First(n => ScenarioData.OfflineUpdates(records.Take(n)).Count == 1);

        await Produce(topics, records.Take(cut));
        await using (var first = await ServiceUnderTest.StartAsync(_broker.BootstrapServers, topics, settings))
        {
            await first.WaitUntilProcessedAsync(cut, TimeSpan.FromSeconds(60));
            PublishedIds(topics).Should().ContainSingle("the medium update is on the topic before the restart");
        }

        await Produce(topics, records.Skip(cut));
        await using var second = await ServiceUnderTest.StartAsync(_broker.BootstrapServers, topics, settings);
        var (published, done) = await Eventually.PollAsync(() => PublishedIds(topics), ids => ids.Count >= 2, TimeSpan.FromSeconds(60));

        done.Should().BeTrue("the high update reaches the topic after the restart");
        published.Should().Equal(expected.Select(AlertEventIds.Of), "each update once, in order, the first not repeated");
        second.Service.SuppressedRepeats.Should().Be(snapshots ? 0 : 1, snapshots ? "the restored state had made the medium update already" : "the rebuild recognised the medium update by its ce_id");
    }

    private List<string> PublishedIds(TopicSet topics) =>
        TopicReader.ReadAll(_broker.BootstrapServers, topics.Alerts, Partitions)
            .Select(r => r.Message.Headers.TryGetLastBytes(KafkaHeaderNames.CeId, out var id) ? System.Text.Encoding.UTF8.GetString(id) : "")
            .ToList();

    private async Task Produce(TopicSet topics, IEnumerable<ScenarioRecord> records) =>
        await Kcat.RunAsync(["-b", _broker.BootstrapServers, "-P", "-t", topics.Input, "-K", "\t", "-D", "\\x1e"], ScenarioData.KcatInput(records, keyed: true));
}
