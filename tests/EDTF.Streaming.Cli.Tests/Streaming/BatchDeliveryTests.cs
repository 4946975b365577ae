using EDTF.Streaming.Detection;
using EDTF.Streaming.Kafka;
using EDTF.Streaming.Tests;

namespace EDTF.Streaming.Cli.Tests.Streaming;

/// <summary>Input delivered in batches of hours of event time while the service runs (a satellite provider, a receiver flushing its buffer).</summary>
public sealed class BatchDeliveryTests : IClassFixture<ScenarioData>, IDisposable
{
    private const int Partitions = 6;
    private const int Batches = 3;
    private readonly ScenarioData _scenario;
    private readonly EmbeddedBroker _broker = EmbeddedBroker.Start(new EmbeddedBrokerOptions { Port = 0, Topics = [] });

    public BatchDeliveryTests(ScenarioData scenario)
    {
        _scenario = scenario;
    }

    public void Dispose() => _broker.Dispose();

    [Fact]
    public async Task Run_ScenarioInBatchesOfHoursWhileRunning_AlertsMatchOfflineWithNoExtraUpdates()
    {
        var topics = TopicSet.Create(_broker, "batches", Partitions);
        await using var service = await ServiceUnderTest.StartAsync(_broker.BootstrapServers, topics);
        var records = _scenario.Records;
        var size = (records.Count + Batches - 1) / Batches; // the demo's 10 hours: about 3.3 hours of event time per batch
        var produced = 0;
        foreach (var batch in records.Chunk(size))
        {
            await Kcat.RunAsync(["-b", _broker.BootstrapServers, "-P", "-t", topics.Input, "-K", "\t", "-D", "\\x1e"], ScenarioData.KcatInput(batch, keyed: true));
            produced += batch.Length;
            await service.WaitUntilProcessedAsync(produced, TimeSpan.FromSeconds(60));
            await Task.Delay(TimeSpan.FromSeconds(2)); // longer than Kafka:PartitionIdleSeconds (1 s in tests): every partition goes idle between batches
        }

        var alerts = TopicReader.ReadAll(_broker.BootstrapServers, topics.Alerts, Partitions);
        alerts.Select(a => AlertKey.Of(AlertJson.Deserialize(a.Message.Value))).Should()
            .BeEquivalentTo(_scenario.Expected, "batches of hours of event time give what the pipeline gives offline on the whole file, update for update");
    }
}
