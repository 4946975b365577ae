using System.Diagnostics;
using Confluent.Kafka;

namespace EDTF.Streaming.Kafka.Tests;

public sealed class EmbeddedBrokerFaultsTests : IDisposable
{
    private readonly EmbeddedBroker _broker = EmbeddedBroker.Start(new EmbeddedBrokerOptions { Port = 0, Brokers = 2, Partitions = 1, Topics = ["t"] });

    public void Dispose() => _broker.Dispose();

    [Fact]
    public async Task FailRequests_TwoProduceErrors_NextTwoProducesFailThenOneSucceeds()
    {
        using var producer = Producer(retries: 0);
        await producer.ProduceAsync("t", new Message<Null, string> { Value = "warm-up" });

        _broker.Faults.FailRequests(KafkaApiKey.Produce, 2, ErrorCode.NotEnoughReplicas);
        var results = new List<ErrorCode>();
        for (var i = 0; i < 3; i++)
        {
            try
            {
                await producer.ProduceAsync("t", new Message<Null, string> { Value = $"m{i}" });
                results.Add(ErrorCode.NoError);
            }
            catch (ProduceException<Null, string> e)
            {
                results.Add(e.Error.Code);
            }
        }

        results.Should().Equal([ErrorCode.NotEnoughReplicas, ErrorCode.NotEnoughReplicas, ErrorCode.NoError], "the errors are used up one request each");
    }

    [Fact]
    public async Task FailRequests_RetryingProducer_DeliversDespiteTheErrors()
    {
        using var producer = Producer(retries: 10);

        _broker.Faults.FailRequests(KafkaApiKey.Produce, 3, ErrorCode.NotEnoughReplicas);
        var result = await producer.ProduceAsync("t", new Message<Null, string> { Value = "retried" });

        result.Status.Should().Be(PersistenceStatus.Persisted);
    }

    [Fact]
    public void BrokerDown_AllBrokers_MetadataFailsUntilBrokerUp()
    {
        _broker.Faults.BrokerDown(EmbeddedBrokerFaults.AllBrokers);
        var whileDown = () => Metadata(TimeSpan.FromSeconds(2));

        whileDown.Should().Throw<KafkaException>("no broker accepts a connection");
        _broker.Faults.State.BrokersDown.Should().Equal([1, 2]);

        _broker.Faults.BrokerUp(EmbeddedBrokerFaults.AllBrokers);
        Metadata(TimeSpan.FromSeconds(10)).Brokers.Should().HaveCount(2);
        _broker.Faults.State.BrokersDown.Should().BeEmpty();
    }

    [Fact]
    public async Task SetRoundTripDelay_HalfASecond_ProduceWaitsThatLongUntilCleared()
    {
        using var producer = Producer(retries: 0);
        await producer.ProduceAsync("t", new Message<Null, string> { Value = "warm-up" });

        _broker.Faults.SetRoundTripDelay(EmbeddedBrokerFaults.AllBrokers, 500);
        var delayed = await TimeProduce(producer);
        _broker.Faults.ClearAll();
        var cleared = await TimeProduce(producer);

        delayed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(450), "every response waits the delay");
        cleared.Should().BeLessThan(TimeSpan.FromMilliseconds(450), "ClearAll removes the delay");
    }

    [Fact]
    public void State_AfterFaultsAndClearAll_ReportsThenForgetsThem()
    {
        _broker.Faults.FailRequests(KafkaApiKey.JoinGroup, 5, ErrorCode.GroupCoordinatorNotAvailable);
        _broker.Faults.SetRoundTripDelay(2, 100);

        _broker.Faults.State.RequestErrors.Should().Equal([new RequestErrorsPushed(KafkaApiKey.JoinGroup, 5, ErrorCode.GroupCoordinatorNotAvailable)]);
        _broker.Faults.State.RoundTripDelayMsByBroker.Should().BeEquivalentTo(new Dictionary<int, int> { [2] = 100 });

        _broker.Faults.ClearAll();
        _broker.Faults.State.Should().BeEquivalentTo(new EmbeddedBrokerFaultState([], new Dictionary<int, int>(), []));
    }

    [Fact]
    public void BrokerDown_UnknownBrokerId_Throws()
    {
        var act = () => _broker.Faults.BrokerDown(3);

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*1 to 2*");
    }

    private IProducer<Null, string> Producer(int retries) => new ProducerBuilder<Null, string>(new ProducerConfig
    {
        BootstrapServers = _broker.BootstrapServers,
        Acks = Acks.All,
        LingerMs = 0,
        MessageSendMaxRetries = retries,
        RetryBackoffMs = 50,
        MessageTimeoutMs = 20_000,
    }).SetLogHandler((_, _) => { }).Build();

    private Metadata Metadata(TimeSpan timeout)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = _broker.BootstrapServers })
            .SetLogHandler((_, _) => { }).Build();
        return admin.GetMetadata(timeout);
    }

    private static async Task<TimeSpan> TimeProduce(IProducer<Null, string> producer)
    {
        var started = Stopwatch.GetTimestamp();
        await producer.ProduceAsync("t", new Message<Null, string> { Value = "timed" });
        return Stopwatch.GetElapsedTime(started);
    }
}
