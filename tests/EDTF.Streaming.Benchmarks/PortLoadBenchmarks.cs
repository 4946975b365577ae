using BenchmarkDotNet.Attributes;
using EDTF.Streaming.Detection;
using EDTF.Streaming.Tests;

namespace EDTF.Streaming.Benchmarks;

/// <summary>
/// Loading the port areas <c>edtf detect</c> and the service start with: the analysts' polygons alone, and with the
/// 1,610 world ports joined (issue 17). Run:
/// <c>dotnet run -c Release --project tests/EDTF.Streaming.Benchmarks -- --filter *PortLoadBenchmarks*</c>.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 10)]
public class PortLoadBenchmarks
{
    private readonly string _analyst = TestPaths.InRepo("config/ports.geojson");
    private readonly string _world = TestPaths.InRepo("config/ports-world.csv");

    /// <summary>config/ports.geojson only.</summary>
    [Benchmark(Baseline = true)]
    public int AnalystOnly() => DefaultConfig.LoadPorts(_analyst, new PortCallOptions { UseWorldPorts = false }).Count;

    /// <summary>config/ports.geojson with config/ports-world.csv joined.</summary>
    [Benchmark]
    public int WithWorldPorts() => DefaultConfig.LoadPorts(_analyst, new PortCallOptions { WorldPortsPath = _world }).Count;
}
