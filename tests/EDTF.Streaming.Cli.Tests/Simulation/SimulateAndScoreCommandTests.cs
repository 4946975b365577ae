using System.Text.Json;
using EDTF.Streaming.Cli.Commands;
using EDTF.Streaming.Tests;

namespace EDTF.Streaming.Cli.Tests.Simulation;

public sealed class SimulateAndScoreCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "edtf-cli-sim-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, true);
        }
    }

    [Fact]
    public async Task Simulate_DemoCsvOnly_WritesCsvAndTruthButNoNmea()
    {
        var exit = await new SimulateCommand().RunAsync(Args("--scenario", TestPaths.InRepo("config/scenarios/demo.json"), "--output", _dir, "--format", "csv", "--seed", "3"));

        exit.Should().Be(0);
        File.Exists(Path.Combine(_dir, "ais.csv")).Should().BeTrue();
        File.Exists(Path.Combine(_dir, "truth.json")).Should().BeTrue();
        File.Exists(Path.Combine(_dir, "ais.nmea")).Should().BeFalse();
        File.ReadLines(Path.Combine(_dir, "ais.csv")).First().Should().Be(
            "MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,VesselName,IMO,CallSign,VesselType,Status,Length,Width,Draft,Cargo,TransceiverClass");
        JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, "truth.json"))).RootElement.GetProperty("seed").GetInt64().Should().Be(3);
    }

    [Theory]
    [InlineData("--format", "xml")]
    [InlineData("--seed", "abc")]
    [InlineData("--colour", "red")]
    public async Task Simulate_BadOption_CommandLineException(string option, string value)
    {
        var act = () => new SimulateCommand().RunAsync(Args("--scenario", TestPaths.InRepo("config/scenarios/demo.json"), "--output", _dir, option, value));

        await act.Should().ThrowAsync<CommandLineException>();
    }

    [Fact]
    public async Task Simulate_InvalidScenario_Exit2WithoutOutput()
    {
        Directory.CreateDirectory(_dir);
        var scenario = Path.Combine(_dir, "bad.json");
        await File.WriteAllTextAsync(scenario, """{ "seaAreas": [], "behaviours": [ { "kind": "teleport" } ] }""");

        var exit = await new SimulateCommand().RunAsync(Args("--scenario", scenario, "--output", Path.Combine(_dir, "out")));

        exit.Should().Be(2);
        Directory.Exists(Path.Combine(_dir, "out")).Should().BeFalse();
    }

    [Fact]
    public async Task Score_NoAlertsThenOneAlertPerExpectedBehaviour_Exit1ThenExit0()
    {
        await new SimulateCommand().RunAsync(Args("--scenario", TestPaths.InRepo("config/scenarios/demo.json"), "--output", _dir, "--format", "csv"));
        var truth = Path.Combine(_dir, "truth.json");
        var none = Path.Combine(_dir, "none.jsonl");
        await File.WriteAllTextAsync(none, "");
        var perfect = Path.Combine(_dir, "perfect.jsonl");
        var expected = JsonDocument.Parse(await File.ReadAllTextAsync(truth)).RootElement.GetProperty("behaviours").EnumerateArray()
            .Where(b => b.GetProperty("expected").GetBoolean()).ToList();
        await File.WriteAllLinesAsync(perfect, expected.Select((b, i) => JsonSerializer.Serialize(new
        {
            alertId = "a" + i,
            type = b.GetProperty("type").GetString(),
            status = "closed",
            vessel = new { mmsi = b.GetProperty("mmsi").GetInt32() },
            counterpart = b.TryGetProperty("counterpartMmsi", out var cp) ? new { mmsi = cp.GetInt32() } : null,
            start = b.GetProperty("start").GetString(),
            confidence = "high",
        })));

        (await new ScoreCommand().RunAsync(Args("--truth", truth, "--alerts", none))).Should().Be(1);
        (await new ScoreCommand().RunAsync(Args("--truth", truth, "--alerts", perfect))).Should().Be(0);
        expected.Should().NotBeEmpty();
    }

    private static CommandLineArgs Args(params string[] args) => CommandLineArgs.Parse(args);
}
