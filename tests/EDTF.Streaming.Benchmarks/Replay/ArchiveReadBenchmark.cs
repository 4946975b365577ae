using System.Diagnostics;
using System.IO.Compression;
using EDTF.Streaming.Ais.Formats;
using EDTF.Streaming.Cli;
using EDTF.Streaming.Kafka;
using EDTF.Streaming.Kafka.Replay;
using EDTF.Streaming.Tests;

namespace EDTF.Streaming.Benchmarks.Replay;

/// <summary>
/// What archives cost (run: <c>archives [DIR] [ROUNDS]</c>): the bench-1m scenario simulated as a MarineCadastre CSV
/// (a daily file's shape, 1.3M rows over 30 h), then the same rows read plain, zipped (deflate, as MarineCadastre
/// publishes), zstd-compressed and as Parquet (typed columns, DuckDB's 122,880-row groups); best of ROUNDS reads of
/// each; then <c>replay</c> into the embedded broker (in this process) of the CSV zipped and plain, and of the same
/// traffic as NMEA (1.03M lines) zipped and plain. Prints figures, asserts nothing.
/// </summary>
internal static class ArchiveReadBenchmark
{
    public static int Run(string[] args)
    {
        var dir = args.Length > 0 ? args[0] : Path.Combine(Path.GetTempPath(), "edtf-bench-archives");
        var rounds = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 3;
        var csv = Prepare(dir);
        var forms = new (string Name, string Path)[]
        {
            ("plain CSV", csv),
            ("zip (deflate)", Path.Combine(dir, "AIS_2026_03_01.zip")),
            ("zstd", Path.Combine(dir, "AIS_2026_03_01.csv.zst")),
            ("Parquet", Path.Combine(dir, "AIS_2026_03_01.parquet")),
        };

        double? plainSeconds = null, plainCpu = null;
        foreach (var (name, path) in forms)
        {
            // Best of the rounds, wall and CPU apart: on a machine shared with other work the CPU time is the steadier figure.
            var runs = Enumerable.Range(0, rounds).Select(_ => TimeRead(path)).ToList();
            var (seconds, cpu, rows, reports) = (runs.Min(r => r.Seconds), runs.Min(r => r.CpuSeconds), runs[0].Rows, runs[0].Reports);
            plainSeconds ??= seconds;
            plainCpu ??= cpu;
            var size = new FileInfo(path).Length;
            Console.WriteLine(
                $"read {name,-14} {size / 1e6,8:N1} MB on disk  {rows,10:N0} rows  {reports,10:N0} reports  {seconds,6:F2} s  {rows / seconds,11:N0} rows/s  {size / 1e6 / seconds,7:N1} MB/s  {(seconds / plainSeconds.Value - 1) * 100,6:+0.0;-0.0}% vs plain;  cpu {cpu:F2} s {(cpu / plainCpu.Value - 1) * 100,6:+0.0;-0.0}% vs plain");
        }

        TimeReplaySource("CSV zip", forms[1].Path, AisInputFormat.CsvMarineCadastre);
        TimeReplaySource("NMEA zip", Path.Combine(dir, "nmea.zip"), AisInputFormat.Nmea);
        ReplayIntoEmbeddedBroker("CSV zip", forms[1].Path);
        ReplayIntoEmbeddedBroker("plain CSV", csv);
        ReplayIntoEmbeddedBroker("NMEA zip", Path.Combine(dir, "nmea.zip"));
        ReplayIntoEmbeddedBroker("plain NMEA", Path.Combine(dir, "ais.nmea"));
        return 0;
    }

    private static (double Seconds, double CpuSeconds, long Rows, long Reports) TimeRead(string path)
    {
        GC.Collect();
        var progress = new InputProgress(path, new FileInfo(path).Length);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        long reports = 0;
        foreach (var item in AisInputReader.ReadFile(path, AisInputFormat.CsvMarineCadastre, progress))
        {
            reports += item.IsReject ? 0 : 1;
        }

        return (sw.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds, progress.Rows, reports);
    }

    /// <summary>The replay's reading side alone (read, decode, records with their values; no Kafka).</summary>
    private static void TimeReplaySource(string name, string path, AisInputFormat format)
    {
        GC.Collect();
        var options = new ReplayOptions { Inputs = [path] };
        var context = new ReplaySourceContext(options, new ReplayStatistics(), new InputProgress(path, new FileInfo(path).Length));
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        long records = 0, bytes = 0;
        foreach (var record in ReplaySources.Open(path, format, context))
        {
            records++;
            bytes += record.Value.Length;
        }

        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        Console.WriteLine(
            $"replay source {name,-9} alone (no Kafka): {records:N0} records ({bytes / (double)records:F0} bytes each) in {sw.Elapsed.TotalSeconds:F2} s, cpu {cpuSeconds:F2} s = {records / cpuSeconds:N0} records per cpu-second");
    }

    private static void ReplayIntoEmbeddedBroker(string name, string path)
    {
        using var broker = EmbeddedBroker.Start(new EmbeddedBrokerOptions { Port = 0, Topics = ["ais.raw"] });
        var options = new ReplayOptions { Inputs = [path], BootstrapServers = broker.BootstrapServers };
        var statistics = new ReplayStatistics();
        using var sink = new KafkaReplaySink(options, statistics);
        if (sink.CheckTopic(TimeSpan.FromSeconds(10)) is { } problem)
        {
            Console.WriteLine($"replay {name}: {problem}");
            return;
        }

        var runner = new ReplayRunner(options, sink, TimeProvider.System, statistics);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        runner.RunAsync(CancellationToken.None).GetAwaiter().GetResult();
        var seconds = sw.Elapsed.TotalSeconds;
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        Console.WriteLine(
            $"replay {name,-10} into the embedded broker: {statistics.Delivered:N0} of {statistics.Sent:N0} records delivered in {seconds:F2} s = {statistics.Delivered / seconds:N0} records/s (as edtf replay --speed max counts it: sent until flushed); process cpu {cpuSeconds:F2} s (broker included)");
    }

    /// <summary>The CSV (simulated once) and its zip, zstd and Parquet forms in <paramref name="dir"/>.</summary>
    private static string Prepare(string dir)
    {
        var csv = Path.Combine(dir, "ais.csv");
        if (!File.Exists(csv))
        {
            var scenario = TestPaths.InRepo("config/scenarios/bench-1m.json");
            var exit = EdtfCommandLine.InvokeAsync(["simulate", "--scenario", scenario, "--output", dir, "--format", "both"], CancellationToken.None, Console.Out, Console.Error)
                .GetAwaiter().GetResult();
            if (exit != 0)
            {
                throw new InvalidOperationException($"simulate exited {exit}");
            }
        }

        var zip = Path.Combine(dir, "AIS_2026_03_01.zip");
        if (!File.Exists(zip))
        {
            using var archive = ZipFile.Open(zip, ZipArchiveMode.Create);
            archive.CreateEntryFromFile(csv, "AIS_2026_03_01.csv", CompressionLevel.Optimal);
        }

        var nmeaZip = Path.Combine(dir, "nmea.zip");
        if (!File.Exists(nmeaZip))
        {
            using var archive = ZipFile.Open(nmeaZip, ZipArchiveMode.Create);
            archive.CreateEntryFromFile(Path.Combine(dir, "ais.nmea"), "ais.nmea", CompressionLevel.Optimal);
        }

        var zst = Path.Combine(dir, "AIS_2026_03_01.csv.zst");
        if (!File.Exists(zst))
        {
            using var input = File.OpenRead(csv);
            using var output = File.Create(zst);
            using var zstd = new ZstdSharp.CompressionStream(output, level: 3);
            input.CopyTo(zstd);
        }

        var parquet = Path.Combine(dir, "AIS_2026_03_01.parquet");
        if (!File.Exists(parquet))
        {
            CsvParquet.Write(File.ReadAllText(csv), parquet, ParquetTyping.Typed, rowGroupRows: 122_880);
        }

        return csv;
    }
}
