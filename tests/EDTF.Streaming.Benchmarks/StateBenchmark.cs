using System.Diagnostics;
using System.Globalization;
using EDTF.Streaming.Detection;
using EDTF.Streaming.Kafka;
using EDTF.Streaming.Kafka.State;
using EDTF.Streaming.Tests;

namespace EDTF.Streaming.Benchmarks;

/// <summary>
/// What state snapshots cost and what they save (issue 12): the snapshot's size and time on the simulated input; backlog
/// throughput without snapshots, with one every 30 s and with one every second; and a restart after a crash-like stop, with the
/// window rebuild (ADR 0002) and with a snapshot: records read again and the time from start to caught up.
/// </summary>
/// <remarks>
/// Run: <c>dotnet run -c Release --project tests/EDTF.Streaming.Benchmarks -- state [--input FILE] [--rate 5000]</c>. The first
/// instance reads the first 70% of the records as a live feed at <c>--rate</c> records/s (snapshots every 5 s), stops without a
/// final snapshot (what a SIGKILL leaves); the rest is produced; the second instance is timed until it caught up.
/// </remarks>
internal static class StateBenchmark
{
    private const double CutFraction = 0.7;

    public static int Run(string[] args)
    {
        var input = Arg(args, "--input") ?? ServiceBenchmark.Simulate();
        var rate = int.Parse(Arg(args, "--rate") ?? "5000", CultureInfo.InvariantCulture);
        var records = ServiceBenchmark.Cut(File.ReadAllLines(input));
        Console.WriteLine($"input: {input}: {records.Count:N0} records, {ServiceBenchmark.Partitions} partitions");
        using var broker = EmbeddedBroker.Start(new EmbeddedBrokerOptions { Port = 0, Topics = [] });
        if (!args.Contains("--restart-only"))
        {
            SnapshotSize(records);
            Backlog(broker, records, "tput-warmup", null); // JIT and broker warm-up, not counted
            var without = Backlog(broker, records, "tput-nostate", null);
            var every30 = Backlog(broker, records, "tput-state30", 30);
            var every1 = Backlog(broker, records, "tput-state1", 1);
            var again = Backlog(broker, records, "tput-nostate2", null);
            var baseline = (without + again) / 2;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"BACKLOG THROUGHPUT: without snapshots {without:N0} and {again:N0} records/s (before and after); snapshots every 30 s {every30:N0} records/s ({every30 / baseline:P0} of their mean); every 1 s {every1:N0} records/s ({every1 / baseline:P0})"));
        }

        Restart(broker, records, rate, snapshots: false);
        Restart(broker, records, rate, snapshots: true);
        return 0;
    }

    private static string? Arg(string[] args, string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;

    /// <summary>The pipeline over all records offline, snapshotted at the end: size and time.</summary>
    private static void SnapshotSize(List<ServiceBenchmark.Rec> records)
    {
        var pipeline = new DetectionPipeline(new DetectionOptions(), DefaultConfig.LoadWatchlist(TestPaths.InRepo("config/watchlist.csv")),
            DefaultConfig.LoadPorts(TestPaths.InRepo("config/ports.geojson")), _ => { });
        var decoder = new RecordDecoder();
        var i = 0;
        foreach (var r in records)
        {
            decoder.Decode(r.Value, 0);
            var source = AlertSource.FromKafka("ais.raw", 0, i++);
            foreach (var report in decoder.Reports)
            {
                pipeline.Add(report, source, 0);
            }
        }

        using var buffer = new MemoryStream();
        var sw = Stopwatch.StartNew();
        pipeline.WriteSnapshot(buffer);
        var write = sw.Elapsed.TotalMilliseconds;
        buffer.Position = 0;
        sw.Restart();
        DetectionPipeline.Restore(buffer, new DetectionOptions(), DefaultConfig.LoadWatchlist(TestPaths.InRepo("config/watchlist.csv")),
            DefaultConfig.LoadPorts(TestPaths.InRepo("config/ports.geojson")), _ => { });
        var stats = pipeline.Statistics;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"SNAPSHOT at the end of the input: {buffer.Length:N0} bytes compressed ({stats.VesselsTracked:N0} vessels, {stats.BufferedReports:N0} buffered reports); write {write:F0} ms, restore {sw.Elapsed.TotalMilliseconds:F0} ms"));
    }

    /// <summary>Records/s of a backlog (first consumed to last record's outputs acknowledged) with snapshots every <paramref name="interval"/> s (null: none).</summary>
    private static double Backlog(EmbeddedBroker broker, List<ServiceBenchmark.Rec> records, string name, double? interval)
    {
        var topics = ServiceBenchmark.Topics(broker, name);
        Produce(broker, topics, records);
        var metrics = new ServiceBenchmark.Probe();
        var state = new StateCounts();
        var service = ServiceBenchmark.Service(broker, topics, metrics, interval is { } s ? new StateOptions { Topic = topics.Input + ".state", SnapshotIntervalSeconds = s } : null, state);
        using var stop = new CancellationTokenSource();
        var thread = new Thread(() => service.Run(stop.Token));
        thread.Start();
        metrics.WaitFirst();
        var sw = Stopwatch.StartNew();
        metrics.WaitFor(records.Count);
        var elapsed = sw.Elapsed.TotalSeconds;
        stop.Cancel();
        thread.Join();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  backlog {name}: {records.Count / elapsed:N0} records/s in {elapsed:F2} s; snapshots taken {state.Taken}, {state.Bytes:N0} bytes last, {state.Seconds * 1000:F0} ms on the processing thread in all"));
        return records.Count / elapsed;
    }

    private static void Restart(EmbeddedBroker broker, List<ServiceBenchmark.Rec> records, int rate, bool snapshots)
    {
        var name = snapshots ? "restart-snapshot" : "restart-rebuild";
        var topics = ServiceBenchmark.Topics(broker, name);
        var options = snapshots ? new StateOptions { Topic = topics.Input + ".state", SnapshotIntervalSeconds = 5 } : null;
        var cut = (int)(records.Count * CutFraction);

        // First instance: a live feed at the rate, stopped without a final snapshot.
        var first = new ServiceBenchmark.Probe();
        var firstState = new StateCounts();
        var service = ServiceBenchmark.Service(broker, topics, first, options, firstState, finalSnapshot: false);
        using (var stop = new CancellationTokenSource())
        {
            var thread = new Thread(() => service.Run(stop.Token));
            thread.Start();
            using (var producer = ServiceBenchmark.Producer(broker, lingerMs: 1))
            {
                var sw = Stopwatch.StartNew();
                for (var i = 0; i < cut;)
                {
                    var due = Math.Min(cut, (long)(sw.Elapsed.TotalSeconds * rate));
                    for (; i < due; i++)
                    {
                        ServiceBenchmark.Produce(producer, topics.Input, records[i]);
                    }

                    producer.Poll(TimeSpan.FromMilliseconds(5));
                }

                producer.Flush();
            }

            WaitCaughtUp(first, cut, Stopwatch.GetTimestamp());
            stop.Cancel();
            thread.Join();
        }

        Produce(broker, topics, records.Skip(cut));
        var second = new ServiceBenchmark.Probe();
        var secondState = new StateCounts();
        var restarted = ServiceBenchmark.Service(broker, topics, second, options, secondState);
        using var stop2 = new CancellationTokenSource();
        var started = Stopwatch.GetTimestamp();
        var thread2 = new Thread(() => restarted.Run(stop2.Token));
        thread2.Start();
        var rest = records.Count - cut;
        var caughtUp = WaitCaughtUp(second, rest, started);
        stop2.Cancel();
        thread2.Join();
        var reRead = second.Consumed - rest;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESTART {(snapshots ? "from a snapshot (every 5 s)" : "with the window rebuild (48 h)")}: {cut:N0} records read by the first instance at {rate:N0}/s ({firstState.Durable} snapshots durable); the second re-read {reRead:N0} of them and read {rest:N0} new ones; start to caught up {caughtUp:F2} s{(snapshots ? $" (restore {secondState.RestoreSeconds:F2} s, {secondState.Fallbacks} fallbacks)" : "")}"));
    }

    /// <summary>Seconds from <paramref name="started"/> until every consumed record is complete, at least <paramref name="atLeast"/>, and nothing more arrives for 500 ms.</summary>
    private static double WaitCaughtUp(ServiceBenchmark.Probe probe, long atLeast, long started)
    {
        var lastChange = Stopwatch.GetTimestamp();
        var last = -1L;
        var nextReport = Stopwatch.GetTimestamp() + (10 * Stopwatch.Frequency);
        while (true)
        {
            if (Stopwatch.GetTimestamp() > nextReport)
            {
                nextReport = Stopwatch.GetTimestamp() + (10 * Stopwatch.Frequency);
                Console.Error.WriteLine($"  ... {probe.Consumed:N0} consumed, {probe.Completed:N0} complete, waiting for {atLeast:N0}");
            }

            var completed = probe.Completed;
            if (completed != last)
            {
                last = completed;
                lastChange = Stopwatch.GetTimestamp();
            }
            else if (completed >= atLeast && completed == probe.Consumed && Stopwatch.GetElapsedTime(lastChange).TotalMilliseconds > 500)
            {
                return Stopwatch.GetElapsedTime(started, lastChange).TotalSeconds;
            }

            Thread.Sleep(5);
        }
    }

    private static void Produce(EmbeddedBroker broker, ServiceBenchmark.TopicSet topics, IEnumerable<ServiceBenchmark.Rec> records)
    {
        using var producer = ServiceBenchmark.Producer(broker);
        foreach (var r in records)
        {
            ServiceBenchmark.Produce(producer, topics.Input, r);
        }

        producer.Flush();
    }

    private sealed class StateCounts : IStateMetrics
    {
        public int Taken { get; private set; }

        public long Bytes { get; private set; }

        public double Seconds { get; private set; }

        public int Durable { get; private set; }

        public double RestoreSeconds { get; private set; }

        public int Fallbacks { get; private set; }

        public void SnapshotTaken(long bytes, double seconds)
        {
            Taken++;
            Bytes = bytes;
            Seconds += seconds;
        }

        public void SnapshotDurable() => Durable++;

        public void SnapshotFailed()
        {
        }

        public void Restored(double seconds) => RestoreSeconds = seconds;

        public void CaughtUp(long records, double seconds)
        {
        }

        public void RestoreFallback(string reason) => Fallbacks++;
    }
}
