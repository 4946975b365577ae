using System.Text.Json;
using EDTF.Streaming.Tests;

namespace EDTF.Streaming.Cli.Tests.Replay;

/// <summary>The same simulated traffic written as NMEA and as MarineCadastre CSV gives the same alerts from <c>edtf detect</c>.</summary>
public sealed class CsvNmeaEquivalenceTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "edtf-equivalence-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task Detect_DemoScenarioAsNmeaAndAsCsv_GivesTheSameAlertUpdates()
    {
        var scenario = TestPaths.InRepo("config/scenarios/demo.json");
        (await Cli.RunAsync("simulate", "--scenario", scenario, "--output", _folder, "--format", "both")).ExitCode.Should().Be(0);
        var nmeaAlerts = Path.Combine(_folder, "nmea.jsonl");
        var csvAlerts = Path.Combine(_folder, "csv.jsonl");

        (await Cli.RunAsync("detect", "--input", Path.Combine(_folder, "ais.nmea"), "--output", nmeaAlerts)).ExitCode.Should().Be(0);
        (await Cli.RunAsync("detect", "--input", Path.Combine(_folder, "ais.csv"), "--format", "csv-marinecadastre", "--output", csvAlerts)).ExitCode.Should().Be(0);

        var fromNmea = Updates(nmeaAlerts);
        fromNmea.Should().NotBeEmpty();
        Updates(csvAlerts).Should().BeEquivalentTo(fromNmea);
    }

    private static List<string> Updates(string path) =>
        [.. File.ReadLines(path).Select(line =>
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            return string.Join('|', root.GetProperty("alertId").GetString(), root.GetProperty("status").GetString(), root.GetProperty("start").GetString(), root.GetProperty("end").ToString());
        })];
}
