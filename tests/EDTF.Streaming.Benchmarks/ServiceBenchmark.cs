using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Confluent.Kafka;
using EDTF.Streaming.Ais;
using EDTF.Streaming.Cli;
using EDTF.Streaming.Detection;
using EDTF.Streaming.Kafka;
using EDTF.Streaming.Tests;

namespace EDTF.Streaming.Benchmarks;

/// <summary>
/// End-to-end figures of the service through the embedded broker on loopback (not BenchmarkDotNet: one long run each):
/// throughput of a backlog (consumed, decoded, detected, offsets stored) and processing latency at a fixed input rate.
/// </summary>
/// <remarks>
/// Run: <c>dotnet run -c Release --project tests/EDTF.Streaming.Benchmarks -- service [--input FILE] [--rate 20000] [--seconds 15] [--lines]</c>.
/// <c>--lines</c>: one NMEA line per record, unkeyed, each record to a random partition (fragments of a message split across partitions).
/// </remarks>
internal static class ServiceBenchmark
{
    internal const int Partitions = 12;
    private static bool _lines;

    public static int Run(string[] args)
    {
        var inputOption = new Option<string?>("--input") { Description = "NMEA file (default: config/scenarios/default.json simulated)" };
        var rateOption = new Option<int>("--rate") { Description = "sentences/s of the latency run", DefaultValueFactory = _ => 20_000 };
        var secondsOption = new Option<int>("--seconds") { Description = "length of the latency run", DefaultValueFactory = _ => 15 };
        var linesOption = new Option<bool>("--lines") { Description = "one NMEA line per record, unkeyed, random partition" };
        var noLeaseOption = new Option<bool>("--no-lease") { Description = "join the input's group instead of taking the detection lease (Kafka:LeaseTopic empty)" };
        var command = new RootCommand("service benchmark") { inputOption, rateOption, secondsOption, linesOption, noLeaseOption };
        command.SetAction(parseResult =>
        {
            _leaseTopic = parseResult.GetValue(noLeaseOption) ? "" : new KafkaOptions().LeaseTopic;
            return Run(parseResult.GetValue(inputOption) ?? Simulate(), parseResult.GetValue(rateOption), parseResult.GetValue(secondsOption), parseResult.GetValue(linesOption));
        });
        return command.Parse(args).Invoke();
    }

    /// <summary>The detection lease topic of the services measured ("" with <c>--no-lease</c>).</summary>
    private static string _leaseTopic = "edtf.lease";

    private static int Run(string input, int rate, int seconds, bool lines)
    {
        Console.WriteLine(_leaseTopic.Length > 0 ? $"detection lease: {_leaseTopic} (the instance takes it, then reads every partition)" : "no lease: the instance joins the input's group");
        _lines = lines;
        var records = _lines ? [.. File.ReadAllLines(input).Where(l => l.Length > 0).Select(l => new Rec(null, Encoding.UTF8.GetBytes(l), 1))] : Cut(File.ReadAllLines(input));
        var sentences = records.Sum(r => r.Sentences);
        Console.WriteLine($"input: {input}: {sentences:N0} sentences in {records.Count:N0} records ({(_lines ? "one line each, unkeyed, random partition" : "keyed by MMSI")}), {Partitions} partitions");

        Offline(records, sentences);
        using var broker = EmbeddedBroker.Start(new EmbeddedBrokerOptions { Port = 0, Topics = [] });
        Throughput(broker, records, sentences);
        Latency(broker, records, rate, seconds);
        return 0;
    }

    /// <summary>The same records through decoder and pipeline without Kafka: the ceiling for the service.</summary>
    private static void Offline(List<Rec> records, long sentences)
    {
        var alerts = 0;
        var watchlist = DefaultConfig.LoadWatchlist(TestPaths.InRepo("config/watchlist.csv"));
        var ports = DefaultConfig.LoadPorts(TestPaths.InRepo("config/ports.geojson"), new PortCallOptions { WorldPortsPath = TestPaths.InRepo("config/ports-world.csv") });
        var pipeline = new DetectionPipeline(new DetectionOptions(), watchlist, ports, _ => alerts++);
        var decoder = new EDTF.Streaming.Kafka.RecordDecoder();
        var sw = Stopwatch.StartNew();
        var a0 = GC.GetTotalAllocatedBytes(); var g0 = GC.CollectionCount(0); var g1 = GC.CollectionCount(1); var g2 = GC.CollectionCount(2);
        var decodeTicks = 0L;
        foreach (var r in records)
        {
            var t0 = Stopwatch.GetTimestamp();
            decoder.Decode(r.Value, 0);
            decodeTicks += Stopwatch.GetTimestamp() - t0;
            var source = AlertSource.FromKafka("x", 0, 0);
            foreach (var report in decoder.Reports)
            {
                pipeline.Add(report, source, 0);
            }
        }

        var elapsed = sw.Elapsed.TotalSeconds;
        Console.WriteLine($"GC offline: {(GC.GetTotalAllocatedBytes() - a0) / records.Count} B/record, gen0 {GC.CollectionCount(0) - g0} gen1 {GC.CollectionCount(1) - g1} gen2 {GC.CollectionCount(2) - g2}, pause {GC.GetTotalPauseDuration()}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"OFFLINE (decode + pipeline, no Kafka): {sentences / elapsed:N0} sentences/s; decode {decodeTicks * 100.0 / Stopwatch.Frequency / elapsed:F0}% of {elapsed:F2} s; {alerts} alerts"));
    }

    private static void Throughput(EmbeddedBroker broker, List<Rec> records, long sentences)
    {
        var topics = Topics(broker, "tput");
        var sw = Stopwatch.StartNew();
        using (var producer = Producer(broker))
        {
            foreach (var r in records)
            {
                Produce(producer, topics.Input, r);
            }

            producer.Flush();
        }

        Console.WriteLine($"produced backlog in {sw.Elapsed.TotalSeconds:F1} s");
        RawConsume(broker, topics, records.Count);
        var metrics = new Probe();
        var service = Service(broker, topics, metrics);
        using var stop = new CancellationTokenSource();
        var thread = new Thread(() => service.Run(stop.Token));
        thread.Start();
        metrics.WaitFirst();
        var start = Stopwatch.GetTimestamp();
        var a0 = GC.GetTotalAllocatedBytes(); var g0 = GC.CollectionCount(0); var g1 = GC.CollectionCount(1); var g2 = GC.CollectionCount(2); var p0 = GC.GetTotalPauseDuration();
        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var threadCpu0 = ThreadCpu();
        var waits0 = service.Waits.Copy();
        metrics.WaitFor(records.Count);
        var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"CPU: {(Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds / elapsed:F2} cores on average; by thread (s): {string.Join(", ", ThreadCpu().Select(kv => (kv.Key, kv.Value - threadCpu0.GetValueOrDefault(kv.Key))).Where(kv => kv.Item2 > 0.05).OrderByDescending(kv => kv.Item2).Select(kv => $"{kv.Key} {kv.Item2:F2}"))}"));
        Console.WriteLine($"pauses: {service.Pauses}; waits: {service.Waits.Since(waits0)}");
        Console.WriteLine($"GC service: {(GC.GetTotalAllocatedBytes() - a0) / records.Count} B/record, gen0 {GC.CollectionCount(0) - g0} gen1 {GC.CollectionCount(1) - g1} gen2 {GC.CollectionCount(2) - g2}, pause {GC.GetTotalPauseDuration() - p0}");
        stop.Cancel();
        thread.Join();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"THROUGHPUT: {sentences / elapsed:N0} sentences/s ({records.Count / elapsed:N0} records/s): {sentences:N0} sentences consumed, decoded, detected, offsets stored in {elapsed:F2} s (first record consumed to last record's outputs acknowledged and, unless it waits for a fragment, offset stored); {metrics.Alerts} alerts; {metrics.FragmentRejects} orphan/expired fragment rejects"));
    }

    /// <summary>CPU seconds per thread (Linux: /proc/self/task), by thread name and id.</summary>
    private static Dictionary<string, double> ThreadCpu()
    {
        var result = new Dictionary<string, double>();
        if (!Directory.Exists("/proc/self/task"))
        {
            return result;
        }

        foreach (var dir in Directory.GetDirectories("/proc/self/task"))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var name = stat[(stat.IndexOf('(', StringComparison.Ordinal) + 1)..stat.LastIndexOf(')')];
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                result[$"{name}/{Path.GetFileName(dir)}"] = ticks / 100.0;
            }
            catch (IOException)
            {
            }
        }

        return result;
    }

    /// <summary>The Kafka client alone: assign and consume the backlog, no processing (the ceiling the client sets).</summary>
    private static void RawConsume(EmbeddedBroker broker, TopicSet topics, int records)
    {
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(KafkaDetectionService.BuildConsumerConfig(new KafkaOptions
        {
            BootstrapServers = broker.BootstrapServers,
            GroupId = "raw",
        })).Build();
        consumer.Assign(Enumerable.Range(0, Partitions).Select(p => new TopicPartitionOffset(topics.Input, p, Offset.Beginning)));
        var n = 0;
        var sw = Stopwatch.StartNew();
        var a0 = GC.GetAllocatedBytesForCurrentThread();
        while (n < records)
        {
            var r = consumer.Consume(100);
            if (r is { IsPartitionEOF: false })
            {
                n++;
            }
        }

        Console.WriteLine($"GC raw: {(GC.GetAllocatedBytesForCurrentThread() - a0) / records} B/record");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RAW CONSUME (client only): {n / sw.Elapsed.TotalSeconds:N0} records/s"));
    }

    private static void Latency(EmbeddedBroker broker, List<Rec> records, int rate, int seconds)
    {
        var topics = Topics(broker, "lat");
        var metrics = new Probe();
        var service = Service(broker, topics, metrics);
        using var stop = new CancellationTokenSource();
        var thread = new Thread(() => service.Run(stop.Token));
        thread.Start();
        while (service.AssignedPartitions < Partitions)
        {
            Thread.Sleep(50);
        }

        using var producer = Producer(broker, lingerMs: 1);
        var sentenceTotal = 0L;
        var produced = 0;
        var sw = Stopwatch.StartNew();
        var tickMs = 5;
        var i = 0;
        while (sw.Elapsed.TotalSeconds < seconds && i < records.Count)
        {
            var due = (long)(sw.Elapsed.TotalSeconds * rate);
            while (sentenceTotal < due && i < records.Count)
            {
                Produce(producer, topics.Input, records[i]);
                sentenceTotal += records[i].Sentences;
                produced++;
                i++;
            }

            producer.Poll(TimeSpan.Zero);
            Thread.Sleep(tickMs);
        }

        producer.Flush();
        var actualRate = sentenceTotal / sw.Elapsed.TotalSeconds;
        metrics.WaitFor(produced);
        stop.Cancel();
        thread.Join();
        var lat = metrics.Latencies();
        lat.Sort();
        double P(double q) => lat[Math.Min(lat.Count - 1, (int)(q * lat.Count))] * 1000;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"LATENCY at {actualRate:N0} sentences/s for {seconds} s ({produced:N0} records): p50 {P(0.5):F1} ms, p99 {P(0.99):F1} ms, max {lat[^1] * 1000:F1} ms (record consumed to its outputs acknowledged; offset stored then unless it waits for a fragment)"));
    }

    internal static TopicSet Topics(EmbeddedBroker broker, string name)
    {
        var set = new TopicSet(name + ".raw", name + ".alerts", name + ".dlq");
        broker.CreateTopic(set.Input, Partitions);
        broker.CreateTopic(set.Alerts, Partitions);
        broker.CreateTopic(set.Dlq, 1);
        broker.CreateTopic(set.Input + ".state", 3);
        return set;
    }

    /// <summary>Extra consumer properties for experiments: <c>EDTF_BENCH_CONSUMER="max.partition.fetch.bytes=65536;queued.min.messages=1000"</c>.</summary>
    private static Dictionary<string, string> Extra(Dictionary<string, string> d)
    {
        foreach (var kv in (Environment.GetEnvironmentVariable("EDTF_BENCH_CONSUMER") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = kv.Split('=');
            d[parts[0]] = parts[1];
        }

        return d;
    }

    internal static KafkaDetectionService Service(EmbeddedBroker broker, TopicSet topics, Probe metrics, EDTF.Streaming.Kafka.State.StateOptions? state = null, EDTF.Streaming.Kafka.State.IStateMetrics? stateMetrics = null, bool finalSnapshot = true) =>
        new(
            new KafkaOptions
            {
                BootstrapServers = broker.BootstrapServers,
                InputTopic = topics.Input,
                AlertsTopic = topics.Alerts,
                DlqTopic = topics.Dlq,
                GroupId = topics.Input + ".bench",
                LeaseTopic = _leaseTopic,
                PartitionIdleSeconds = 0.05, // the backlog's last records would otherwise wait for the idle timeout: this measures throughput
                Consumer = Extra(new(StringComparer.OrdinalIgnoreCase) { ["session.timeout.ms"] = "6000", ["fetch.wait.max.ms"] = "10" }),
                Producer = new(StringComparer.OrdinalIgnoreCase) { ["linger.ms"] = "1" },
            },
            new DetectionOptions(),
            DefaultConfig.LoadWatchlist(TestPaths.InRepo("config/watchlist.csv")),
            DefaultConfig.LoadPorts(TestPaths.InRepo("config/ports.geojson"), new PortCallOptions { WorldPortsPath = TestPaths.InRepo("config/ports-world.csv") }),
            metrics,
            l => Console.Error.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {l}"))
        {
            State = state,
            StateMetrics = stateMetrics ?? EDTF.Streaming.Kafka.State.NullStateMetrics.Instance,
            FinalSnapshotOnStop = finalSnapshot,
        };

    internal static IProducer<byte[], byte[]> Producer(EmbeddedBroker broker, int lingerMs = 20) =>
        new ProducerBuilder<byte[], byte[]>(new ProducerConfig
        {
            BootstrapServers = broker.BootstrapServers,
            LingerMs = lingerMs,
            CompressionType = CompressionType.Lz4,
            BatchSize = 1_000_000,
            QueueBufferingMaxMessages = 1_000_000,
            StickyPartitioningLingerMs = _lines ? 0 : null,
        }).Build();

    internal static void Produce(IProducer<byte[], byte[]> producer, string topic, Rec r)
    {
        while (true)
        {
            try
            {
                producer.Produce(topic, new Message<byte[], byte[]> { Key = r.Key!, Value = r.Value });
                return;
            }
            catch (ProduceException<byte[], byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                producer.Poll(TimeSpan.FromMilliseconds(10));
            }
        }
    }

    internal static string Simulate()
    {
        var dir = Path.Combine(Path.GetTempPath(), "edtf-bench-default");
        var path = Path.Combine(dir, "ais.nmea");
        if (!File.Exists(path))
        {
            var scenario = TestPaths.InRepo("config/scenarios/default.json");
            EdtfCommandLine.InvokeAsync(["simulate", "--scenario", scenario, "--output", dir], CancellationToken.None).GetAwaiter().GetResult();
        }

        return path;
    }

    /// <summary>One record per AIS message (fragments together), keyed by the MMSI the message carries.</summary>
    internal static List<Rec> Cut(string[] lines)
    {
        var decoder = new NmeaDecoder();
        var sink = new Sink();
        for (var i = 0; i < lines.Length; i++)
        {
            decoder.DecodeLine(Encoding.UTF8.GetBytes(lines[i]), i + 1, null, sink);
        }

        var result = new List<Rec>(lines.Length);
        var current = new List<string>();
        var first = 0;
        for (var i = 0; i <= lines.Length; i++)
        {
            var continuation = i < lines.Length && lines[i].Contains(",2,2,", StringComparison.Ordinal);
            if (current.Count > 0 && (i == lines.Length || !continuation))
            {
                var key = sink.MmsiByLine.TryGetValue(first, out var m) ? m.ToString(CultureInfo.InvariantCulture) : "noise";
                result.Add(new Rec(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(string.Join('\n', current)), current.Count));
                current.Clear();
            }

            if (i < lines.Length)
            {
                if (current.Count == 0)
                {
                    first = i + 1;
                }

                current.Add(lines[i]);
            }
        }

        return result;
    }

    internal sealed record Rec(byte[]? Key, byte[] Value, int Sentences);

    internal sealed record TopicSet(string Input, string Alerts, string Dlq);

    private sealed class Sink : IAisReportSink
    {
        public Dictionary<long, int> MmsiByLine { get; } = [];

        public void OnReport(in AisReport report) => MmsiByLine[report.Line] = report.Mmsi;

        public void OnReject(in DecodeReject reject)
        {
        }
    }

    /// <summary>Counts completed records and keeps their latencies.</summary>
    internal sealed class Probe : IStreamingMetrics
    {
        private readonly List<double> _latencies = [];
        private readonly ManualResetEventSlim _first = new();
        private long _completed;
        private long _consumed;
        private long _alerts;
        private long _fragmentRejects;

        public long Alerts => Interlocked.Read(ref _alerts);

        public void WaitFirst() => _first.Wait();

        public void WaitFor(long records)
        {
            while (Interlocked.Read(ref _completed) < records)
            {
                Thread.Sleep(5);
            }
        }

        public List<double> Latencies()
        {
            lock (_latencies)
            {
                return [.. _latencies];
            }
        }

        /// <summary>Records consumed so far.</summary>
        public long Consumed => Interlocked.Read(ref _consumed);

        /// <summary>Records whose outputs are acknowledged so far.</summary>
        public long Completed => Interlocked.Read(ref _completed);

        public void RecordConsumed()
        {
            Interlocked.Increment(ref _consumed);
            _first.Set();
        }

        public void SentencesDecoded(long count)
        {
        }

        public void DeadLetterError()
        {
        }

        public void ProcessingError()
        {
        }

        public void Guards(PipelineStatistics stats)
        {
        }

        public long FragmentRejects => Interlocked.Read(ref _fragmentRejects);

        public void DecodeReject(RejectReason reason)
        {
            if (reason is RejectReason.OrphanFragment or RejectReason.ExpiredFragments)
            {
                Interlocked.Increment(ref _fragmentRejects);
            }
        }

        public void DeadLetter()
        {
        }

        public void AlertDelivered(string type, string status) => Interlocked.Increment(ref _alerts);

        public void AlertProduceError()
        {
        }

        public void ProcessingLatency(double seconds)
        {
            lock (_latencies)
            {
                _latencies.Add(seconds);
            }

            Interlocked.Increment(ref _completed);
        }

        public void Pipeline(int vesselsTracked, int vesselsOfInterest, double? watermarkLagSeconds)
        {
        }

        public void ConsumerLag(int partition, long records)
        {
        }

        public void PartitionRevoked(int partition)
        {
        }

        public void RecordsHeldForFragments(long count)
        {
        }

        public void LeaseHeld(bool held)
        {
        }

        public void Ledger(IReadOnlyList<Detection.Cargo.LedgerYear> years)
        {
        }

        public void Watchlist(IReadOnlyDictionary<(string Program, string Source), int> entries, long? lastChangeMs, long changesApplied)
        {
        }
    }
}
