using System.Diagnostics;
using EDTF.Streaming.Cli.Demo;

namespace EDTF.Streaming.Cli.Tests.Demo;

/// <summary>The whole demo (embedded broker, the run service, replay, alert reader) on a small scenario, unpaced.</summary>
public sealed class DemoRunnerTests : IDisposable
{
    // Ten hours, a few background vessels. A transfer closes once the pair has been apart 4 h (merge rule): this one parts
    // at 05:45 and closes at 09:45, inside the last hour (the allowed lateness) of the traffic, so its CLOSED update can only
    // come out when the service releases the last lateness window at the declared end of the input.
    private const string Scenario = """
        {
          "name": "demo-test", "start": "2026-03-01T00:00:00Z", "durationHours": 10, "seed": 11,
          "background": { "vessels": 6, "anchoredFraction": 0.2, "fishingFraction": 0.0, "tankerFraction": 0.3, "anchoragePorts": ["Nakhodka"] },
          "reception": { "lossRate": 0.02, "outOfOrderRate": 0.02, "maxLatenessSeconds": 120, "duplicateRate": 0.02 },
          "noise": { "badChecksumRate": 0.002, "garbledRate": 0.002 },
          "seaAreas": [
            { "name": "sea-of-japan", "minLat": 38.5, "maxLat": 42.0, "minLon": 131.0, "maxLon": 138.0, "weight": 3 },
            { "name": "peter-the-great-gulf", "minLat": 42.0, "maxLat": 42.55, "minLon": 131.5, "maxLon": 134.0, "weight": 1 }
          ],
          "behaviours": [
            { "id": "dark", "kind": "dark", "interest": "imo", "lat": 41.2, "lon": 133.8, "atHours": 2, "gapHours": 2.5 },
            { "id": "sts", "kind": "transfer", "interest": "mid", "lat": 40.4, "lon": 135.5, "atHours": 4.25, "durationHours": 1.5 },
            { "id": "call", "kind": "portCall", "interest": "imo", "port": "Vostochny", "atHours": 2.5, "dwellHours": 2.5 },
            { "id": "dark-just-under", "kind": "dark", "interest": "imo", "lat": 40.9, "lon": 137.0, "atHours": 3, "gapHours": 1.5 },
            { "id": "close-pass", "kind": "closePass", "interest": "imo", "lat": 41.3, "lon": 135.0, "atHours": 3.5, "passDistanceMeters": 200 },
            { "id": "pass", "kind": "portPass", "interest": "imo", "port": "Vostochny", "atHours": 5.5 }
          ]
        }
        """;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "edtf-demo-test-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task RunAsync_SmallScenarioUnpaced_FindsEveryScriptedBehaviourClosedAndNoDecoy()
    {
        Directory.CreateDirectory(_directory);
        var scenario = Path.Combine(_directory, "scenario.json");
        await File.WriteAllTextAsync(scenario, Scenario);
        var output = new StringWriter();
        var options = new DemoOptions
        {
            ScenarioPath = scenario,
            OutputDirectory = Path.Combine(_directory, "sim"),
            Speed = double.PositiveInfinity,
            MetricsPort = 0,
            ConsolePort = 0,

            // Unpaced, the service overtakes the producer: a partition at its end no longer holds the watermark back, so
            // with several partitions a report far behind another partition's would count as late (live behaviour, not
            // the demo's). One partition keeps the run deterministic: exactly what edtf detect gives on the file.
            Partitions = 1,
        };
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(50));
        var clock = Stopwatch.StartNew();

        var result = await new DemoRunner(options, new DemoScreen(output, terminal: false, () => (40, 160))).RunAsync(timeout.Token);

        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(40));
        result.Interrupted.Should().BeFalse(output.ToString());
        result.Problems.Should().BeEmpty();
        result.Score.Expected.Should().Be(3);
        result.Score.Missed.Should().BeEmpty(DemoSummary.Render(result));
        result.Score.FalsePositives.Should().BeEmpty(DemoSummary.Render(result));
        result.Score.Unscripted.Should().BeEmpty(DemoSummary.Render(result));
        result.Score.Found.SelectMany(o => o.Alerts).Should().OnlyContain(a => a.Status == "closed", "every scripted behaviour ended before the traffic did");
        result.RecordsProduced.Should().BeGreaterThan(1000);
        output.ToString().Should().MatchRegex(@"console: http://127\.0\.0\.1:\d+/ ", "the demo starts the console and prints its address");
        result.Service.RecordsConsumed.Should().Be(result.RecordsProduced);
        result.Service.SentencesDecoded.Should().BeGreaterThan(result.RecordsProduced);
        var lastWindow = DateTimeOffset.Parse(result.Truth.End, System.Globalization.CultureInfo.InvariantCulture).AddHours(-1);
        result.Score.Found.Single(o => o.Behaviour.Id == "sts").Alerts.Single().DetectedAt.Should().BeAfter(lastWindow);
        output.ToString().Should().Contain("closed").And.Contain("metrics http://");
    }
}
