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
        var topics = await ProduceFirstHalfAsync("request-errors");

        // Before the start: the service's first JoinGroup and Produce requests fail (kcat has finished producing).
        _broker.Faults.FailRequests(KafkaApiKey.JoinGroup, 3, ErrorCode.GroupCoordinatorNotAvailable);
        _broker.Faults.FailRequests(KafkaApiKey.Produce, 10, ErrorCode.NotEnoughReplicas);
        await using var service = await StartOnFirstHalfAsync(topics);

        // Mid-stream: only the service fetches and commits, so these errors are all its own.
        _broker.Faults.FailRequests(KafkaApiKey.Fetch, 10, ErrorCode.NotLeaderForPartition);
        _broker.Faults.FailRequests(KafkaApiKey.OffsetCommit, 5, ErrorCode.RequestTimedOut);
        await ProduceSecondHalfAsync(service, topics);

        await AssertAlertsMatchOfflineAndReadyAsync(service, topics);
    }

    [Fact]
    public async Task Run_BrokerDownForSecondsMidStream_AlertsMatchOfflineAndReadyAgain()
    {
        var topics = await ProduceFirstHalfAsync("broker-down");
        await using var service = await StartOnFirstHalfAsync(topics);

        _broker.Faults.BrokerDown(EmbeddedBrokerFaults.AllBrokers);
        await Task.Delay(TimeSpan.FromSeconds(5)); // the fault's duration: real time, the broker and the clients run on it
        _broker.Faults.BrokerUp(EmbeddedBrokerFaults.AllBrokers);
        await ProduceSecondHalfAsync(service, topics);

        await AssertAlertsMatchOfflineAndReadyAsync(service, topics);
    }

    [Fact]
    public async Task Run_RoundTripDelayMidStream_AlertsMatchOfflineAndReadyAgain()
    {
        var topics = await ProduceFirstHalfAsync("slow-broker");
        await using var service = await StartOnFirstHalfAsync(topics);

        _broker.Faults.SetRoundTripDelay(EmbeddedBrokerFaults.AllBrokers, 300);
        await ProduceSecondHalfAsync(service, topics);
        _broker.Faults.ClearAll();

        await AssertAlertsMatchOfflineAndReadyAsync(service, topics);
    }

    private int Half => _scenario.Records.Count / 2;

    /// <summary>A test's own topics, with the first half of the scenario on the input.</summary>
    private async Task<TopicSet> ProduceFirstHalfAsync(string name)
    {
        var topics = TopicSet.Create(_broker, name, Partitions);
        await Produce(topics, _scenario.Records.Take(Half));
        return topics;
    }

    /// <summary>The service started and the first half processed.</summary>
    private async Task<ServiceUnderTest> StartOnFirstHalfAsync(TopicSet topics)
    {
        var service = await ServiceUnderTest.StartAsync(_broker.BootstrapServers, topics);
        await service.WaitUntilProcessedAsync(Half, TimeSpan.FromSeconds(60));
        return service;
    }

    /// <summary>The second half produced (mid-stream, while a fault may hold) and processed.</summary>
    private async Task ProduceSecondHalfAsync(ServiceUnderTest service, TopicSet topics)
    {
        await Produce(topics, _scenario.Records.Skip(Half));
        await service.WaitUntilProcessedAsync(_scenario.Records.Count, TimeSpan.FromSeconds(90));
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
