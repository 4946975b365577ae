using System.Collections.Concurrent;
using System.Text;
using Confluent.Kafka;
using EDTF.Streaming.Ais;
using EDTF.Streaming.Detection;
using EDTF.Streaming.Tests;

namespace EDTF.Streaming.Kafka.Tests;

/// <summary>
/// The service's consume and processing threads against the embedded broker: a graceful stop while the hand-over queue is
/// full, and a rebalance while records of the revoked partitions are queued. Offsets must only cover processed records.
/// </summary>
public sealed class ServiceThreadingTests(Xunit.Abstractions.ITestOutputHelper output) : IDisposable
{
    private const int Partitions = 4;
    private const int PerPartition = 12_000;
    private const int Total = Partitions * PerPartition;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly EmbeddedBroker _broker = EmbeddedBroker.Start(new EmbeddedBrokerOptions { Port = 0, Topics = [] });

    public void Dispose() => _broker.Dispose();

    [Fact]
    public void Run_StoppedWhileTheQueueIsFull_CommitsOnlyProcessedRecordsAndARestartProcessesTheRest()
    {
        var topic = Produce("stop");
        var processed = new ConcurrentDictionary<(int, long), bool>();
        using var gate = new ManualResetEventSlim(false);
        var first = Service(topic, processed);
        using var held = new ManualResetEventSlim(false);
        first.BeforeRecord = () =>
        {
            if (processed.Count >= 1_000)
            {
                held.Set();
                gate.Wait();
            }
        };

        using (var stop = new CancellationTokenSource())
        {
            var thread = Start(first, stop.Token);
            // Processing must really be held (not a queue that is momentarily full before the first release).
            WaitUntil(() => held.IsSet && first.QueuedBatches >= first.QueueCapacity, "the hand-over queue fills while processing is held");
            stop.Cancel();
            gate.Set();
            thread.Join(Deadline).Should().BeTrue("a stop with a full queue finishes the record in hand and shuts down");
        }

        var committed = Committed(topic);
        committed.Values.Sum().Should().BeGreaterThan(0, "the processed records' offsets are stored on shutdown")
            .And.BeLessThan(Total, "queued records were dropped, not processed");
        foreach (var (partition, next) in committed)
        {
            var missing = Enumerable.Range(0, (int)next).Where(o => !processed.ContainsKey((partition, o))).ToList();
            missing.Should().BeEmpty($"partition {partition} is committed up to {next}");
        }

        var second = Service(topic, processed);
        using (var stop = new CancellationTokenSource())
        {
            var thread = Start(second, stop.Token);
            WaitUntil(() => processed.Count >= Total, "the restart processes the rest");
            WaitUntil(() => Committed(topic).Values.Sum() == Total, "the restart commits every offset");
            stop.Cancel();
            thread.Join(Deadline).Should().BeTrue();
        }
    }

    [Fact]
    public void Run_PartitionsRevokedWhileRecordsAreQueued_NoRecordIsSkippedAndEveryOffsetIsCommitted()
    {
        var topic = Produce("revoke");
        var processed = new ConcurrentDictionary<(int, long), bool>();
        using var gate = new ManualResetEventSlim(false);
        var log = new ConcurrentQueue<string>();
        var first = Service(topic, processed, log.Enqueue);
        using var held = new ManualResetEventSlim(false);
        first.BeforeRecord = () =>
        {
            if (processed.Count >= 1_000)
            {
                held.Set();
                gate.Wait();
            }
        };

        using var stop = new CancellationTokenSource();
        var a = Start(first, stop.Token);
        WaitUntil(() => held.IsSet && first.QueuedBatches >= first.QueueCapacity, "the hand-over queue fills while processing is held");

        // A second instance joins: the first must give partitions up while its queue still holds records of them.
        var second = Service(topic, processed);
        var b = Start(second, stop.Token);
        gate.Set();

        WaitUntil(() => log.Any(l => l.StartsWith("revoking", StringComparison.Ordinal)), "the first instance gives partitions up");
        WaitUntil(() => second.AssignedPartitions > 0, "the second instance takes partitions over");
        WaitUntil(() => processed.Count >= Total, "every record is processed by one instance or the other");
        WaitUntil(() => Committed(topic).Values.Sum() == Total, "every offset is committed");
        first.AssignedPartitions.Should().BeLessThan(Partitions);
        stop.Cancel();
        a.Join(Deadline).Should().BeTrue();
        b.Join(Deadline).Should().BeTrue();
    }

    /// <summary>One NMEA line per record from the gpsd sample, the same number on every partition.</summary>
    private string Produce(string name)
    {
        var topic = name + ".raw";
        _broker.CreateTopic(topic, Partitions);
        _broker.CreateTopic(name + ".alerts", Partitions);
        _broker.CreateTopic(name + ".dlq", 1);
        var lines = File.ReadAllLines(TestPaths.AisData("gpsd/sample.aivdm")).Where(l => l.StartsWith('!')).Select(Encoding.UTF8.GetBytes).ToArray();
        using var producer = new ProducerBuilder<byte[]?, byte[]>(new ProducerConfig { BootstrapServers = _broker.BootstrapServers, LingerMs = 5 }).Build();
        for (var i = 0; i < Total; i++)
        {
            var message = new Message<byte[]?, byte[]> { Value = lines[i % lines.Length] };
            producer.Produce(new TopicPartition(topic, i % Partitions), message);
            if (i % 10_000 == 0)
            {
                producer.Poll(TimeSpan.Zero);
            }
        }

        producer.Flush(Deadline);
        return topic;
    }

    private KafkaDetectionService Service(string topic, ConcurrentDictionary<(int, long), bool> processed, Action<string>? log = null)
    {
        var name = topic[..topic.IndexOf('.', StringComparison.Ordinal)];
        var service = new KafkaDetectionService(
            new KafkaOptions
            {
                BootstrapServers = _broker.BootstrapServers,
                InputTopic = topic,
                AlertsTopic = name + ".alerts",
                DlqTopic = name + ".dlq",
                GroupId = name + ".group",
                LeaseTopic = "", // these tests drive the group's rebalances on the input itself (the no-lease mode)
                StateRebuildHours = 0,
                PartitionIdleSeconds = 0.2,
                Consumer = new(StringComparer.OrdinalIgnoreCase) { ["session.timeout.ms"] = "6000", ["fetch.wait.max.ms"] = "10" },
            },
            new DetectionOptions(),
            Watchlist.Empty,
            PortAreas.Empty,
            log: m =>
            {
                Log(topic, m);
                log?.Invoke(m);
            })
        {
            RecordReleased = (p, o) => processed[(p, o)] = true,
            QueueCapacity = 4,
        };
        return service;
    }

    /// <summary>The services' log with times, shown when a test fails (a stop that hangs says where it stopped).</summary>
    private void Log(string topic, string message)
    {
        try
        {
            output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {topic}: {message}");
        }
        catch (InvalidOperationException)
        {
            // the test already ended
        }
    }

    private static Thread Start(KafkaDetectionService service, CancellationToken stop)
    {
        var thread = new Thread(() => service.Run(stop)) { IsBackground = true };
        thread.Start();
        return thread;
    }

    private Dictionary<int, long> Committed(string topic)
    {
        var name = topic[..topic.IndexOf('.', StringComparison.Ordinal)];
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig { BootstrapServers = _broker.BootstrapServers, GroupId = name + ".group" }).Build();
        return consumer.Committed(Enumerable.Range(0, Partitions).Select(p => new TopicPartition(topic, p)), TimeSpan.FromSeconds(10))
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

            Thread.Yield();
            SpinWait.SpinUntil(() => false, 20);
        }
    }
}
