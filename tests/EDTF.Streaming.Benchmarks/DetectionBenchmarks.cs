using BenchmarkDotNet.Attributes;
using EDTF.Streaming.Ais;
using EDTF.Streaming.Cli.Detect;
using EDTF.Streaming.Detection;
using EDTF.Streaming.Tests;

namespace EDTF.Streaming.Benchmarks;

/// <summary>
/// Detection throughput on about 1M tag-blocked AIVDM sentences (10,000 vessels; decode included end to end) and
/// the memory of the tracked-vessel state (100,000 vessels). Run:
/// <c>dotnet run -c Release --project tests/EDTF.Streaming.Benchmarks -- --filter *DetectionBenchmarks*</c>.
/// The input file is written once to $TMPDIR/edtf-bench/detect-1m.nmea; <c>edtf detect --input</c> that file gives the same figure from the command line.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
[Config(typeof(DetectionBenchmarkConfig))]
public class DetectionBenchmarks
{
    public const int Sentences = 1_000_000;

    private string _path = "";
    private AisReport[] _reports = [];
    private AlertSource[] _sources = [];
    private Watchlist _watchlist = Watchlist.Empty;
    private PortAreas _ports = PortAreas.Empty;

    [GlobalSetup]
    public void Setup()
    {
        _path = DetectionBenchmarkData.EnsureNmea(Path.Combine(Path.GetTempPath(), "edtf-bench", "detect-1m.nmea"), vessels: 10_000, Sentences);
        _watchlist = DefaultConfig.LoadWatchlist(TestPaths.InRepo("config/watchlist.csv"));
        _ports = DefaultConfig.LoadPorts(TestPaths.InRepo("config/ports.geojson"), new PortCallOptions { WorldPortsPath = TestPaths.InRepo("config/ports-world.csv") });
        var collect = new CollectingSink();
        NmeaFileReader.Decode(_path, new NmeaDecoder(), collect);
        _reports = [.. collect.Reports];
        _sources = _reports.Select(r => AlertSource.FromFile(_path, r.Line)).ToArray();
    }

    /// <summary>What <c>edtf detect</c> does once its configuration is loaded: read and decode on a reader thread, detect, write alerts (to a null stream).</summary>
    [Benchmark(OperationsPerInvoke = Sentences)]
    public long DetectEndToEnd()
    {
        using var reader = DetectInputReader.Start([_path], Ais.Formats.AisInputFormat.Nmea);
        var run = new DetectRun(new DetectionOptions(), _watchlist, _ports, Stream.Null);
        run.Run(reader);
        return reader.Sentences;
    }

    /// <summary>The detection pipeline alone on already decoded reports.</summary>
    [Benchmark(OperationsPerInvoke = Sentences)]
    public long PipelineOnly()
    {
        var alerts = 0L;
        var p = new DetectionPipeline(new DetectionOptions(), _watchlist, _ports, _ => alerts++);
        for (var i = 0; i < _reports.Length; i++)
        {
            p.Add(_reports[i], _sources[i]);
        }

        p.Complete();
        return alerts + p.Statistics.VesselsTracked;
    }

    /// <summary>Retained bytes per tracked vessel with 100,000 vessels (two positions and a static report each), printed once.</summary>
    [Benchmark]
    public double BytesPerVessel100k()
    {
        var bytes = VesselMemory.BytesPerVessel(100_000);
        Console.WriteLine($"// bytes per tracked vessel (100,000 vessels): {bytes:F0}");
        return bytes;
    }

    private sealed class CollectingSink : IAisReportSink
    {
        public List<AisReport> Reports { get; } = [];

        public void OnReport(in AisReport report) => Reports.Add(report);

        public void OnReject(in DecodeReject reject)
        {
        }
    }
}

/// <summary>A longer build timeout: on a shared two-core machine BenchmarkDotNet's own build can take minutes.</summary>
public sealed class DetectionBenchmarkConfig : BenchmarkDotNet.Configs.ManualConfig
{
    public DetectionBenchmarkConfig() => WithBuildTimeout(TimeSpan.FromMinutes(15));
}

/// <summary>Measures retained memory of the pipeline per tracked vessel.</summary>
public static class VesselMemory
{
    public static double BytesPerVessel(int vessels)
    {
        var source = AlertSource.FromFile("memory", 1);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var p = new DetectionPipeline(new DetectionOptions { AllowedLatenessMinutes = 0 }, Watchlist.Empty, PortAreas.Empty, _ => { });
        var t0 = DetectionBenchmarkData.StartSeconds * 1000;
        for (var round = 0; round < 2; round++)
        {
            for (var i = 0; i < vessels; i++)
            {
                var lat = 30 + (i % 1000 * 0.01);
                var lon = 120 + (i / 1000 * 0.05);
                var sog = i % 3 == 0 ? 0.5 : 10;
                p.Add(new AisReport { MessageType = 1, Mmsi = 412_000_000 + i, EventTimeMs = t0 + (round * 60_000) + i, Latitude = lat, Longitude = lon, SpeedKnots = sog }, source);
                if (round == 0)
                {
                    p.Add(new AisReport { MessageType = 5, Mmsi = 412_000_000 + i, EventTimeMs = t0 + i, Imo = 9_000_000 + i, Name = "SHIP " + i, Callsign = "C" + i, ShipType = 70, DraughtMeters = 7.5, Destination = "BUSAN" }, source);
                }
            }
        }

        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(p);
        return (after - before) / (double)p.Statistics.VesselsTracked;
    }
}
