using System.Collections.Concurrent;
using System.Text;
using Confluent.Kafka;
using EDTF.Streaming.Ais;
using EDTF.Streaming.Ais.Encoders;
using EDTF.Streaming.Detection;

namespace EDTF.Streaming.Kafka.Tests;

/// <summary>A multi-sentence message split over two partitions: the record with its first fragment must not be committed past until the message is processed.</summary>
public sealed class ServiceFragmentOffsetTests : IDisposable
{
    private const long T0 = 1_772_323_200;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly EmbeddedBroker _broker = EmbeddedBroker.Start(new EmbeddedBrokerOptions { Port = 0, Topics = [] });

    public void Dispose() => _broker.Dispose();

    [Fact]
    public void Run_FirstFragmentOnOnePartitionSecondNotYetProduced_OffsetHeldUntilTheMessageIsComplete()
    {
        const string topic = "frag.raw";
        _broker.CreateTopic(topic, 2);
        var payload = AisEncoder.EncodeStaticAndVoyage(new AisReport { MessageType = 5, Mmsi = 273_000_001, Imo = 8_660_313, Name = "TEST", ShipType = 80 });
        var sentences = AisEncoder.ToSentences(payload, 'B', 4);
        var tag = AisEncoder.TagBlock(T0 + 10, "rx41n132e");
        using var producer = new ProducerBuilder<Null, string>(new ProducerConfig { BootstrapServers = _broker.BootstrapServers }).Build();
        void Produce(int partition, string value) => producer.Produce(new TopicPartition(topic, partition), new Message<Null, string> { Value = value });
        Produce(0, Position(T0));
        Produce(0, tag + sentences[0]);
        Produce(0, Position(T0 + 20));
        Produce(1, Position(T0));
        producer.Flush(Deadline);

        var processed = new ConcurrentDictionary<(int, long), bool>();
        var service = new KafkaDetectionService(
            new KafkaOptions
            {
                BootstrapServers = _broker.BootstrapServers,
                InputTopic = topic,
                AlertsTopic = "frag.alerts",
                DlqTopic = "frag.dlq",
                GroupId = "frag.group",
                StateRebuildHours = 0,
                PartitionIdleSeconds = 0.2,
                FragmentQuietSeconds = 600,
                Consumer = new(StringComparer.OrdinalIgnoreCase) { ["session.timeout.ms"] = "6000", ["fetch.wait.max.ms"] = "10" },
            },
            new DetectionOptions(),
            Watchlist.Empty,
            PortAreas.Empty)
        {
            RecordReleased = (p, o) => processed[(p, o)] = true,
        };
        using var stop = new CancellationTokenSource();
        var thread = new Thread(() => service.Run(stop.Token)) { IsBackground = true };
        thread.Start();

        WaitUntil(() => processed.Count == 4 && service.HeldRecords == 2, "every record processed, the fragment's record and the one behind it held");
        WaitUntil(() => Committed(topic)[1] == 1, "partition 1 committed");
        Committed(topic)[0].Should().Be(1, "partition 0 may not be committed past the record whose fragment waits");

        Produce(1, tag + sentences[1]);
        producer.Flush(Deadline);

        WaitUntil(() => Committed(topic) is { } c && c[0] == 3 && c[1] == 2, "both partitions committed to their end once the message completed");
        service.HeldRecords.Should().Be(0);
        service.DecoderStatistics.MessagesOfType(5).Should().Be(1);
        stop.Cancel();
        thread.Join(Deadline).Should().BeTrue();
    }

    private static string Position(long timeS) =>
        AisEncoder.TagBlock(timeS, "rx41n132e") + AisEncoder.ToSentences(
            AisEncoder.EncodePosition(new AisReport { MessageType = 1, Mmsi = 273_000_009, Latitude = 42.1, Longitude = 132.5, SpeedKnots = 10 }), 'A', 0)[0];

    private Dictionary<int, long> Committed(string topic)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig { BootstrapServers = _broker.BootstrapServers, GroupId = "frag.group" }).Build();
        return consumer.Committed(Enumerable.Range(0, 2).Select(p => new TopicPartition(topic, p)), TimeSpan.FromSeconds(10))
            .ToDictionary(c => c.Partition.Value, c => c.Offset.IsSpecial ? 0 : c.Offset.Value);
    }

    private static void WaitUntil(Func<bool> condition, string what)
    {
        var until = DateTime.UtcNow + Deadline;
        while (!condition())
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException("timed out waiting: " + what);
            }

            SpinWait.SpinUntil(() => false, 50);
        }
    }
}
