using System.Text.Json;
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
        var result = await Cli.RunAsync(Simulate("--scenario", TestPaths.InRepo("config/scenarios/demo.json"), "--output", _dir, "--format", "csv", "--seed", "3"));

        result.ExitCode.Should().Be(0);
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
    public async Task Simulate_BadOption_Exit2NamingTheOptionWithoutOutput(string option, string value)
    {
        var result = await Cli.RunAsync(Simulate("--scenario", TestPaths.InRepo("config/scenarios/demo.json"), "--output", _dir, option, value));

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain(option, "the message names the option");
        Directory.Exists(_dir).Should().BeFalse("nothing is simulated on a bad command line");
    }

    [Fact]
    public async Task Simulate_InvalidScenario_Exit2WithoutOutput()
    {
        Directory.CreateDirectory(_dir);
        var scenario = Path.Combine(_dir, "bad.json");
        await File.WriteAllTextAsync(scenario, """{ "seaAreas": [], "behaviours": [ { "kind": "teleport" } ] }""");

        var result = await Cli.RunAsync(Simulate("--scenario", scenario, "--output", Path.Combine(_dir, "out")));

        result.ExitCode.Should().Be(2);
        Directory.Exists(Path.Combine(_dir, "out")).Should().BeFalse();
    }

    [Fact]
    public async Task Score_NoAlertsThenOneAlertPerExpectedBehaviour_Exit1ThenExit0()
    {
        await Cli.RunAsync(Simulate("--scenario", TestPaths.InRepo("config/scenarios/demo.json"), "--output", _dir, "--format", "csv"));
        var truth = Path.Combine(_dir, "truth.json");
        var none = Path.Combine(_dir, "none.jsonl");
        await File.WriteAllTextAsync(none, "");
        var perfect = Path.Combine(_dir, "perfect.jsonl");
        var expected = JsonDocument.Parse(await File.ReadAllTextAsync(truth)).RootElement.GetProperty("behaviours").EnumerateArray()
            .Where(b => b.GetProperty("expected").GetBoolean()).ToList();
        var tenfold = Path.Combine(_dir, "tenfold.jsonl");
        await File.WriteAllLinesAsync(perfect, expected.Select((b, i) => AlertFor(b, i, cargoFactor: 1)));
        await File.WriteAllLinesAsync(tenfold, expected.Select((b, i) => AlertFor(b, i, cargoFactor: 10)));

        (await Cli.RunAsync(Score("--truth", truth, "--alerts", none))).ExitCode.Should().Be(1);
        (await Cli.RunAsync(Score("--truth", truth, "--alerts", perfect))).ExitCode.Should().Be(0);
        (await Cli.RunAsync(Score("--truth", truth, "--alerts", tenfold))).ExitCode.Should().Be(1, "cargo estimates ten times the truth are wrong");
        expected.Should().NotBeEmpty();
        expected.Count(HasTonnes).Should().BePositive("the demo's port calls carry their cargo truth");
    }

    private static bool HasTonnes(JsonElement b) => b.TryGetProperty("cargo", out var c) && c.TryGetProperty("tonnes", out _);

    /// <summary>An alert body for a truth entry, its cargo estimate the truth's cargo times <paramref name="cargoFactor"/> (range +-1 %).</summary>
    private static string AlertFor(JsonElement b, int i, double cargoFactor)
    {
        object? cargo = null;
        if (b.TryGetProperty("cargo", out var c))
        {
            double? Scaled(string key) => c.TryGetProperty(key, out var v) ? v.GetDouble() * cargoFactor : null;
            int? Mmsi(string key) => c.TryGetProperty(key, out var v) ? v.GetInt32() : null;
            cargo = new
            {
                direction = c.TryGetProperty("direction", out var d) ? d.GetString() : null,
                commodity = c.GetProperty("commodity").GetString(),
                tonnes = Scaled("tonnes"),
                low = Scaled("tonnes") * 0.99,
                high = Scaled("tonnes") * 1.01,
                barrels = Scaled("barrels"),
                from = Mmsi("from"),
                to = Mmsi("to"),
            };
        }

        return JsonSerializer.Serialize(new
        {
            alertId = "a" + i,
            type = b.GetProperty("type").GetString(),
            status = "closed",
            vessel = new { mmsi = b.GetProperty("mmsi").GetInt32() },
            counterpart = b.TryGetProperty("counterpartMmsi", out var cp) ? new { mmsi = cp.GetInt32() } : null,
            start = b.GetProperty("start").GetString(),
            confidence = "high",
            evidence = new { cargo },
        });
    }

    private static string[] Simulate(params string[] args) => ["simulate", .. args];

    private static string[] Score(params string[] args) => ["score", .. args];
}
