using System.Globalization;
using EDTF.Streaming.Tests;

namespace EDTF.Streaming.Simulation.Tests;

/// <summary>Simulates config/scenarios/demo.json once (both formats) for the tests that read its outputs.</summary>
public sealed class DemoSimulationFixture : IDisposable
{
    public DemoSimulationFixture()
    {
        Directory = Path.Combine(Path.GetTempPath(), "edtf-sim-" + Guid.NewGuid().ToString("N"));
        Scenario = ScenarioLoader.Load(TestPaths.InRepo("config/scenarios/demo.json"));
        Truth = ScenarioSimulator.Run(Scenario, Directory, null, SimulationFormats.Both);
        Rows = [.. File.ReadLines(Path.Combine(Directory, ScenarioSimulator.CsvFileName)).Skip(1).Select(CsvRow.Parse)];
    }

    internal ScenarioDefinition Scenario { get; }

    internal GroundTruth Truth { get; }

    internal List<CsvRow> Rows { get; }

    public string Directory { get; }

    public string NmeaPath => Path.Combine(Directory, ScenarioSimulator.NmeaFileName);

    public void Dispose()
    {
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}

/// <summary>One MarineCadastre CSV row, parsed by the test on its own.</summary>
internal sealed record CsvRow(int Mmsi, long TimeMs, double Lat, double Lon, double SpeedKnots, string Imo, int Status)
{
    public static CsvRow Parse(string line)
    {
        var f = line.Split(',');
        f.Should().HaveCount(17, line);
        var c = CultureInfo.InvariantCulture;
        var time = DateTime.ParseExact(f[1], "yyyy-MM-dd'T'HH:mm:ss", c, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        return new CsvRow(int.Parse(f[0], c), new DateTimeOffset(time).ToUnixTimeMilliseconds(), double.Parse(f[2], c), double.Parse(f[3], c),
            double.Parse(f[4], c), f[8], int.Parse(f[11], c));
    }

    public static long Ms(string rfc3339) => DateTimeOffset.Parse(rfc3339, CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();
}

/// <summary>Shares one demo simulation between the test classes that read it.</summary>
[CollectionDefinition(Name)]
public sealed class DemoSimulationCollection : ICollectionFixture<DemoSimulationFixture>
{
    public const string Name = "demo simulation";
}
