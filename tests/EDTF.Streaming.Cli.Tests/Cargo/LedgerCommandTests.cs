using System.Text.Json;
using EDTF.Streaming.Tests;

namespace EDTF.Streaming.Cli.Tests.Cargo;

public sealed class LedgerCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "edtf-cli-ledger-" + Guid.NewGuid().ToString("N"));

    public LedgerCommandTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public async Task SimulateDetectScoreLedger_Stories_EveryStoryFoundAndTheLedgerSplitsTheYears()
    {
        var sim = Path.Combine(_dir, "sim");
        var alerts = Path.Combine(_dir, "alerts.jsonl");
        var ledgerJson = Path.Combine(_dir, "ledger.json");
        var table = Path.Combine(_dir, "ledger.txt");

        (await Cli.RunAsync("simulate", "--scenario", TestPaths.InRepo("config/scenarios/stories.json"), "--output", sim, "--format", "nmea")).ExitCode.Should().Be(0);
        (await Cli.RunAsync("detect", "--input", Path.Combine(sim, "ais.nmea"), "--output", alerts, "--quiet")).ExitCode.Should().Be(0);
        var score = await Cli.RunAsync("score", "--truth", Path.Combine(sim, "truth.json"), "--alerts", alerts);
        (await Cli.RunAsync("ledger", "--alerts", alerts, "--json", "--output", ledgerJson)).ExitCode.Should().Be(0);
        (await Cli.RunAsync("ledger", "--alerts", alerts, "--output", table)).ExitCode.Should().Be(0);

        score.ExitCode.Should().Be(0, "every story found with its cargo within tolerance, no decoy alerted, nothing unexplained");
        var closed = File.ReadLines(alerts).Select(l => JsonDocument.Parse(l).RootElement).Where(a => a.GetProperty("status").GetString() == "closed").ToList();
        var nampo = closed.Single(a => a.GetProperty("type").GetString() == "PortCall" && a.GetProperty("port").GetProperty("name").GetString() == "Nampo");
        var rajin = closed.Single(a => a.GetProperty("type").GetString() == "PortCall" && a.GetProperty("port").GetProperty("name").GetString() == "Rajin");
        var sts = closed.Single(a => a.GetProperty("type").GetString() == "ShipToShipTransfer");
        var years = JsonDocument.Parse(await File.ReadAllTextAsync(ledgerJson)).RootElement.GetProperty("years");
        years.EnumerateObject().Select(y => y.Name).Should().Equal("2025", "2026");
        var y2025 = years.GetProperty("2025");
        y2025.GetProperty("refinedBarrels").GetProperty("estimate").GetDouble().Should().Be(Cargo(nampo, "barrels"), "the DPRK tanker unloaded at Nampo on 31 December");
        y2025.GetProperty("refinedBarrels").GetProperty("low").GetDouble().Should().Be(Cargo(nampo, "barrelsLow"));
        y2025.GetProperty("coalTonnes").GetProperty("estimate").GetDouble().Should().Be(Cargo(rajin, "tonnes"), "coal loaded at Rajin");
        y2025.GetProperty("crudeBarrels").GetProperty("estimate").GetDouble().Should().Be(0);
        y2025.GetProperty("refinedCapShare").GetDouble().Should().BeApproximately(Cargo(nampo, "barrels") / 500_000, 0.0001);
        Ids(y2025).Should().BeEquivalentTo([Id(nampo), Id(rajin)], "not the loading at Vostochny, not the coal unloaded at Vladivostok");
        var y2026 = years.GetProperty("2026");
        y2026.GetProperty("refinedBarrels").GetProperty("estimate").GetDouble().Should().Be(Cargo(sts, "barrels"), "the transfer to the DPRK-flagged tanker on 1 January");
        Ids(y2026).Should().Equal(Id(sts));
        var text = await File.ReadAllTextAsync(table);
        text.Should().Contain("2025  refined, bbl").And.Contain("500,000").And.Contain(Id(sts));
    }

    [Fact]
    public async Task Ledger_SeveralUpdatesOfOneAlertOnStandardInputShape_NewestCountsOnce()
    {
        var alerts = Path.Combine(_dir, "alerts.jsonl");
        var output = Path.Combine(_dir, "ledger.json");
        await File.WriteAllLinesAsync(alerts, [Call("open", "2026-05-01T00:00:00Z", null), Call("closed", "2026-05-02T00:00:00Z", 75_000), Call("closed", "2026-05-02T06:00:00Z", 90_000), Call("open", "2026-05-01T00:00:00Z", null)]);

        var result = await Cli.RunAsync("ledger", "--alerts", alerts, "--json", "--output", output, "--refined-cap", "100000");

        result.ExitCode.Should().Be(0);
        var year = JsonDocument.Parse(await File.ReadAllTextAsync(output)).RootElement.GetProperty("years").GetProperty("2026");
        year.GetProperty("refinedBarrels").GetProperty("estimate").GetDouble().Should().Be(90_000, "only the newest update of the alert counts");
        year.GetProperty("refinedCapShare").GetDouble().Should().Be(0.9, "--refined-cap sets the cap");
    }

    [Fact]
    public async Task Ledger_LineThatIsNotAnAlert_Exit2NamingTheLine()
    {
        var alerts = Path.Combine(_dir, "alerts.jsonl");
        await File.WriteAllLinesAsync(alerts, [Call("closed", "2026-05-02T00:00:00Z", 75_000), "{\"alertId\": 3"]);

        var result = await Cli.RunAsync("ledger", "--alerts", alerts, "--output", Path.Combine(_dir, "out.txt"));

        result.ExitCode.Should().Be(2);
        File.Exists(Path.Combine(_dir, "out.txt")).Should().BeFalse();
    }

    [Theory]
    [InlineData("--refined-cap", "0")]
    [InlineData("--crude-cap", "lots")]
    [InlineData("--alerts", "/nonexistent/alerts.jsonl")]
    public async Task Ledger_BadOption_Exit2NamingTheOption(string option, string value)
    {
        var alerts = Path.Combine(_dir, "alerts.jsonl");
        await File.WriteAllTextAsync(alerts, "");
        string[] args = option == "--alerts" ? ["ledger", option, value] : ["ledger", "--alerts", alerts, option, value];

        var result = await Cli.RunAsync(args);

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain(option);
    }

    private static double Cargo(JsonElement alert, string key) => alert.GetProperty("evidence").GetProperty("cargo").GetProperty(key).GetDouble();

    private static string Id(JsonElement alert) => alert.GetProperty("alertId").GetString()!;

    private static IEnumerable<string> Ids(JsonElement year) => year.GetProperty("alerts").EnumerateArray().Select(a => a.GetString()!);

    /// <summary>One update of a port call at Nampo (a contract body), unloading <paramref name="barrels"/> when closed.</summary>
    private static string Call(string status, string detectedAt, double? barrels)
    {
        var cargo = barrels is { } b
            ? $$""","cargo":{"direction":"unloaded","commodity":"oil","tonnes":{{b / 7.5}},"low":{{b / 7.5 * 0.9}},"high":{{b / 7.5 * 1.1}},"barrels":{{b}},"barrelsLow":{{b * 0.9}},"barrelsHigh":{{b * 1.1}},"oilProduct":"refined","from":null,"to":null,"method":"draughtReportedAfter","draughtBeforeM":7,"draughtAfterM":5}"""
            : "";
        var end = status == "closed" ? "\"2026-05-01T12:00:00Z\"" : "null";
        return $$"""{"alertId":"port-1","type":"PortCall","status":"{{status}}","vessel":{"mmsi":445000001,"imo":null,"name":"A","callsign":null,"shipType":80,"flag":"KP"},"counterpart":null,"watchlist":[],"start":"2026-05-01T00:00:00Z","end":{{end}},"position":{"lat":38.7,"lon":125.4},"port":{"name":"Nampo","country":"KP","locode":"KPNAM"},"confidence":"high","evidence":{"dwellHours":12{{cargo}}},"detectedAt":"{{detectedAt}}","source":null}""";
    }
}
