using System.Net.Sockets;
using System.Text;
using Confluent.Kafka;
using EDTF.Streaming.Tests;

namespace EDTF.Streaming.Kafka.Tests;

public sealed class EmbeddedBrokerTests : IDisposable
{
    private readonly EmbeddedBroker _broker = EmbeddedBroker.Start(new EmbeddedBrokerOptions { Port = 0, Partitions = 4, Topics = ["in", "out"] });

    public void Dispose() => _broker.Dispose();

    [Fact]
    public async Task Kcat_Metadata_ListsTopicsAndAdvertisesTheRelayPort()
    {
        var metadata = await Kcat.RunAsync(["-b", _broker.BootstrapServers, "-L"]);

        metadata.Should().Contain($"broker 1 at {_broker.BootstrapServers}");
        metadata.Should().Contain("topic \"in\" with 4 partitions").And.Contain("topic \"out\" with 4 partitions");
        _broker.MockBootstrapServers.Should().NotContain(_broker.BootstrapServers, "clients must be steered to the fixed relay port");
    }

    [Fact]
    public async Task Kcat_ProduceThenConsume_ReturnsEveryMessageWithItsKey()
    {
        var lines = Enumerable.Range(1, 200).Select(i => $"{i % 7}:message {i}").ToList();

        await Kcat.RunAsync(["-b", _broker.BootstrapServers, "-P", "-t", "in", "-K", ":"], string.Join('\n', lines) + "\n");
        var consumed = await Kcat.RunAsync(["-b", _broker.BootstrapServers, "-C", "-t", "in", "-e", "-q", "-f", "%k:%s\n"]);

        consumed.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().BeEquivalentTo(lines);
    }

    [Fact]
    public async Task ConfluentClients_ProduceAndGroupConsume_RoundTripThroughTheRelay()
    {
        using var producer = new ProducerBuilder<string, string>(new ProducerConfig
        {
            BootstrapServers = _broker.BootstrapServers,
            EnableIdempotence = true,
            Acks = Acks.All,
        }).Build();
        for (var i = 0; i < 50; i++)
        {
            await producer.ProduceAsync("out", new Message<string, string> { Key = $"k{i}", Value = $"v{i}" });
        }

        using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig
        {
            BootstrapServers = _broker.BootstrapServers,
            GroupId = "roundtrip",
            AutoOffsetReset = AutoOffsetReset.Earliest,
            SessionTimeoutMs = 6000,
            PartitionAssignmentStrategy = PartitionAssignmentStrategy.CooperativeSticky,
        }).Build();
        consumer.Subscribe("out");
        var seen = new HashSet<string>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (seen.Count < 50 && DateTime.UtcNow < deadline)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (result is not null)
            {
                seen.Add($"{result.Message.Key}={result.Message.Value}");
            }
        }

        consumer.Close();
        seen.Should().BeEquivalentTo(Enumerable.Range(0, 50).Select(i => $"k{i}=v{i}"));
    }

    [Fact]
    public void Start_FixedPortInUse_ThrowsSocketException()
    {
        var port = _broker.Ports[0];

        var act = () => EmbeddedBroker.Start(new EmbeddedBrokerOptions { Port = port, Topics = [] });

        act.Should().Throw<SocketException>();
    }

    [Fact]
    public async Task Start_ThreeBrokers_EachAdvertisesItsOwnRelayAndLeadsPartitions()
    {
        using var three = EmbeddedBroker.Start(new EmbeddedBrokerOptions { Port = 0, Brokers = 3, Partitions = 6, Topics = ["t"] });

        three.Ports.Should().HaveCount(3).And.OnlyHaveUniqueItems();
        var payload = string.Join('\n', Enumerable.Range(0, 300).Select(i => $"m{i}")) + "\n";
        await Kcat.RunAsync(["-b", three.BootstrapServers.Split(',')[0], "-P", "-t", "t"], payload);
        var consumed = await Kcat.RunAsync(["-b", three.BootstrapServers.Split(',')[0], "-C", "-t", "t", "-e", "-q"]);
        var metadata = await Kcat.RunAsync(["-b", three.BootstrapServers.Split(',')[0], "-L"]);

        consumed.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(300);
        foreach (var port in three.Ports)
        {
            metadata.Should().Contain($"127.0.0.1:{port}");
        }

        Encoding.UTF8.GetByteCount(consumed).Should().BeGreaterThan(0);
    }
}
