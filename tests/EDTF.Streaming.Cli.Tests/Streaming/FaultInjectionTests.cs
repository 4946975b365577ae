using Confluent.Kafka;
using EDTF.Streaming.Detection;
using EDTF.Streaming.Kafka;
using EDTF.Streaming.Tests;

namespace EDTF.Streaming.Cli.Tests.Streaming;

/// <summary>Faults injected into the embedded broker (<see cref="EmbeddedBrokerFaults"/>) while the service runs: the same alert updates as offline, ready again afterwards.</summary>
public sealed class FaultInjectionTests : IClassFixture<ScenarioData>, IDisposable
{
    private const int Partitions = 4;
    private readonly ScenarioData _scenario;
    private readonly EmbeddedBroker _broker = EmbeddedBroker.Start(new EmbeddedBrokerOptions { Port = 0, Topics = [] });

    public FaultInjectionTests(ScenarioData scenario)
    {
        _scenario = scenario;
    }

    public void Dispose() => _broker.Dispose();

    [Fact]
    public async Task Run_RequestErrorsOnProduceJoinGroupFetchAndOffsetCommit_AlertsMatchOfflineAndReadyAgain()
    {
        var topics = TopicSet.Create(_broker, "request-errors", Partitions);
        var half = _scenario.Records.Count / 2;
        await Produce(topics, _scenario.Records.Take(half));

        // Before the start: the service's first JoinGroup and Produce requests fail (kcat has finished producing).
        _broker.Faults.FailRequests(KafkaApiKey.JoinGroup, 3, ErrorCode.GroupCoordinatorNotAvailable);
        _broker.Faults.FailRequests(KafkaApiKey.Produce, 10, ErrorCode.NotEnoughReplicas);
        await using var service = await ServiceUnderTest.StartAsync(_broker.BootstrapServers, topics);
        await service.WaitUntilProcessedAsync(half, TimeSpan.FromSeconds(60));

        // Mid-stream: only the service fetches and commits, so these errors are all its own.
        _broker.Faults.FailRequests(KafkaApiKey.Fetch, 10, ErrorCode.NotLeaderForPartition);
        _broker.Faults.FailRequests(KafkaApiKey.OffsetCommit, 5, ErrorCode.RequestTimedOut);
        await Produce(topics, _scenario.Records.Skip(half));
        await service.WaitUntilProcessedAsync(_scenario.Records.Count, TimeSpan.FromSeconds(90));

        await AssertAlertsMatchOfflineAndReadyAsync(service, topics);
    }

    [Fact]
    public async Task Run_BrokerDownForSecondsMidStream_AlertsMatchOfflineAndReadyAgain()
    {
        var topics = TopicSet.Create(_broker, "broker-down", Partitions);
        var half = _scenario.Records.Count / 2;
        await Produce(topics, _scenario.Records.Take(half));
        await using var service = await ServiceUnderTest.StartAsync(_broker.BootstrapServers, topics);
        await service.WaitUntilProcessedAsync(half, TimeSpan.FromSeconds(60));

        _broker.Faults.BrokerDown(EmbeddedBrokerFaults.AllBrokers);
        await Task.Delay(TimeSpan.FromSeconds(5)); // the fault's duration: real time, the broker and the clients run on it
        _broker.Faults.BrokerUp(EmbeddedBrokerFaults.AllBrokers);
        await Produce(topics, _scenario.Records.Skip(half));
        await service.WaitUntilProcessedAsync(_scenario.Records.Count, TimeSpan.FromSeconds(90));

        await AssertAlertsMatchOfflineAndReadyAsync(service, topics);
    }

    [Fact]
    public async Task Run_RoundTripDelayMidStream_AlertsMatchOfflineAndReadyAgain()
    {
        var topics = TopicSet.Create(_broker, "slow-broker", Partitions);
        var half = _scenario.Records.Count / 2;
        await Produce(topics, _scenario.Records.Take(half));
        await using var service = await ServiceUnderTest.StartAsync(_broker.BootstrapServers, topics);
        await service.WaitUntilProcessedAsync(half, TimeSpan.FromSeconds(60));

        _broker.Faults.SetRoundTripDelay(EmbeddedBrokerFaults.AllBrokers, 300);
        await Produce(topics, _scenario.Records.Skip(half));
        await service.WaitUntilProcessedAsync(_scenario.Records.Count, TimeSpan.FromSeconds(90));
        _broker.Faults.ClearAll();

        await AssertAlertsMatchOfflineAndReadyAsync(service, topics);
    }

    private async Task AssertAlertsMatchOfflineAndReadyAsync(ServiceUnderTest service, TopicSet topics)
    {
        var alerts = TopicReader.ReadAll(_broker.BootstrapServers, topics.Alerts, Partitions)
            .Select(a => AlertKey.Of(AlertJson.Deserialize(a.Message.Value)))
            .ToList();
        // At-least-once: a produce retried after an injected error may be written twice (the mock cluster's idempotence does
        // not cover every injected error); a repeat is the same update (same alertId, status, content), never a new one.
        alerts.Distinct().Should().BeEquivalentTo(_scenario.Expected.Distinct(), "a fault that clears loses nothing and invents nothing");
        var (_, ready) = await Eventually.PollAsync(
            async () => (await service.GetResponseAsync("/readyz")).IsSuccessStatusCode, r => r, TimeSpan.FromSeconds(30));
        ready.Should().BeTrue("the service is ready again once the fault has cleared");
        (await service.MetricsAsync())["edtf_alerts_produce_errors_total"].Should().Be(0, "retriable errors are retried, not dropped");
    }

    private async Task Produce(TopicSet topics, IEnumerable<ScenarioRecord> records) =>
        await Kcat.RunAsync(["-b", _broker.BootstrapServers, "-P", "-t", topics.Input, "-K", "\t", "-D", "\\x1e"], ScenarioData.KcatInput(records, keyed: true));
}
