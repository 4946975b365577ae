using System.Text;
using Confluent.Kafka;
using EDTF.Streaming.Cli.Service;
using EDTF.Streaming.Detection;
using EDTF.Streaming.Kafka;
using EDTF.Streaming.Tests;
using Microsoft.Extensions.Time.Testing;

namespace EDTF.Streaming.Cli.Tests.Streaming;

/// <summary>Liveness of the running service on the embedded broker and a fake clock, while its processing thread is held inside a record.</summary>
public sealed class StallHealthTests : IDisposable
{
    private const int Records = 3_000;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly EmbeddedBroker _broker = EmbeddedBroker.Start(new EmbeddedBrokerOptions { Port = 0, Topics = [] });
    private readonly ServiceSettings _settings = new() { StallSeconds = 60 };

    public void Dispose() => _broker.Dispose();

    [Fact]
    public async Task Liveness_ProcessingHeldWhileInputWaits_UnhealthyPastTheStallBoundAndHealthyOnceReleased()
    {
        var topics = TopicSet.Create(_broker, "stall", 1);
        Produce(topics.Input);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var gate = new ManualResetEventSlim(false);
        using var held = new ManualResetEventSlim(false);
        var taken = 0;
        var service = Service(topics, clock);
        service.BeforeRecord = () =>
        {
            if (++taken == 100)
            {
                held.Set();
                gate.Wait();
            }
        };

        using var stop = new CancellationTokenSource();
        var thread = new Thread(() => service.Run(stop.Token)) { IsBackground = true };
        thread.Start();
        try
        {
            (await Eventually.PollAsync(() => held.IsSet && service.QueuedBatches > 0, h => h, Deadline)).Done
                .Should().BeTrue("the processing thread is held inside a record while the consume thread queues more");
            StreamingHost.Liveness(service, _settings).Should().BeNull("held, but for no time yet by the service's clock");

            clock.Advance(TimeSpan.FromSeconds(_settings.StallSeconds + 1));

            StreamingHost.Liveness(service, _settings).Should().StartWith("processing stalled: in one round for 61 s");
            service.WorkWaiting.Should().BeTrue();

            gate.Set();
            var (last, done) = await Eventually.PollAsync(() => StreamingHost.Liveness(service, _settings), l => l is null, Deadline);
            done.Should().BeTrue("released, the processing thread finishes its round and the consume loop polls again (last: {0})", last);
        }
        finally
        {
            gate.Set();
            stop.Cancel();
            thread.Join(Deadline).Should().BeTrue("the service stops");
        }

        service.Faulted.Should().BeFalse();
    }

    /// <summary>NMEA lines of the gpsd sample, one per record, all on partition 0.</summary>
    private void Produce(string topic)
    {
        var lines = File.ReadAllLines(TestPaths.AisData("gpsd/sample.aivdm")).Where(l => l.StartsWith('!')).Select(Encoding.UTF8.GetBytes).ToArray();
        using var producer = new ProducerBuilder<Null, byte[]>(new ProducerConfig { BootstrapServers = _broker.BootstrapServers, LingerMs = 5 }).Build();
        for (var i = 0; i < Records; i++)
        {
            producer.Produce(new TopicPartition(topic, 0), new Message<Null, byte[]> { Value = lines[i % lines.Length] });
        }

        producer.Flush(Deadline);
    }

    private KafkaDetectionService Service(TopicSet topics, TimeProvider clock) => new(
        new KafkaOptions
        {
            BootstrapServers = _broker.BootstrapServers,
            InputTopic = topics.Input,
            AlertsTopic = topics.Alerts,
            DlqTopic = topics.Dlq,
            GroupId = topics.Input + "-group",
            StateRebuildHours = 0,
            Consumer = new(StringComparer.OrdinalIgnoreCase) { ["session.timeout.ms"] = "6000", ["fetch.wait.max.ms"] = "10" },
        },
        new DetectionOptions(),
        Watchlist.Empty,
        PortAreas.Empty,
        clock: clock);
}
