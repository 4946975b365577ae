using EDTF.Streaming.Detection;
using EDTF.Streaming.Kafka;
using EDTF.Streaming.Tests;

namespace EDTF.Streaming.Cli.Tests.Streaming;

/// <summary>Input delivered in batches of hours of event time while the service runs (a satellite provider, a receiver flushing its buffer).</summary>
public sealed class BatchDeliveryTests : IClassFixture<ScenarioData>, IDisposable
{
    private const int Partitions = 6;
    private readonly ScenarioData _scenario;
    private readonly EmbeddedBroker _broker = EmbeddedBroker.Start(new EmbeddedBrokerOptions { Port = 0, Topics = [] });

    public BatchDeliveryTests(ScenarioData scenario)
    {
        _scenario = scenario;
    }

    public void Dispose() => _broker.Dispose();

    [Theory]
    [InlineData(1, 3)]
    [InlineData(3, 3)]
    [InlineData(1, 2)]
    [InlineData(3, 1)]
    public async Task Run_ScenarioInBatchesOfHoursWhileRunning_AlertsMatchOfflineWithNoExtraUpdates(int instances, int batches)
    {
        // The demo's 10 hours of event time in 3 batches (about 3.3 hours each), 2 (5 hours) or 1; one instance, or three of one group.
        var topics = TopicSet.Create(_broker, $"batches{instances}x{batches}", Partitions);
        var services = new List<ServiceUnderTest>();
        try
        {
            for (var i = 0; i < instances; i++)
            {
                services.Add(await ServiceUnderTest.StartAsync(_broker.BootstrapServers, topics));
            }

            var (_, elected) = await Eventually.PollAsync(() => services.Count(s => !s.Service.Standby), n => n == 1, TimeSpan.FromSeconds(30));
            elected.Should().BeTrue("one instance of the group detects");
            var detector = services.Single(s => !s.Service.Standby);
            var records = _scenario.Records;
            var size = (records.Count + batches - 1) / batches;
            var produced = 0;
            foreach (var batch in records.Chunk(size))
            {
                await Kcat.RunAsync(["-b", _broker.BootstrapServers, "-P", "-t", topics.Input, "-K", "\t", "-D", "\\x1e"], ScenarioData.KcatInput(batch, keyed: true));
                produced += batch.Length;
                await detector.WaitUntilProcessedAsync(produced, TimeSpan.FromSeconds(60));
                await Task.Delay(TimeSpan.FromSeconds(2)); // longer than Kafka:PartitionIdleSeconds (1 s in tests): every partition goes idle between batches
            }

            var alerts = TopicReader.ReadAll(_broker.BootstrapServers, topics.Alerts, Partitions);
            alerts.Select(a => AlertKey.Of(AlertJson.Deserialize(a.Message.Value))).Should()
                .BeEquivalentTo(_scenario.Expected, "batches of hours of event time give what the pipeline gives offline on the whole file, update for update");
        }
        finally
        {
            foreach (var s in services)
            {
                await s.DisposeAsync();
            }
        }
    }
}
