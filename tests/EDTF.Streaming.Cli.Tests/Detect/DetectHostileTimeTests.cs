using System.Text.Json;
using EDTF.Streaming.Ais;
using EDTF.Streaming.Ais.Encoders;
using EDTF.Streaming.Cli.Tests.Streaming;

namespace EDTF.Streaming.Cli.Tests.Detect;

/// <summary><c>edtf detect</c> on the demo scenario with misdated lines inserted: the alert updates are those of the clean file.</summary>
public sealed class DetectHostileTimeTests : IClassFixture<ScenarioData>, IDisposable
{
    private const long Year2099Seconds = 4_070_908_800; // 2099-01-01T00:00:00Z
    private const long SecondsPerYear = 365L * 86_400;
    private const long Year1970Seconds = 86_400; // 1970-01-02T00:00:00Z
    private readonly ScenarioData _scenario;
    private readonly string _dir = Directory.CreateTempSubdirectory("edtf-detect-hostile-").FullName;

    public DetectHostileTimeTests(ScenarioData scenario)
    {
        _scenario = scenario;
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task RunAsync_ValidSentencesDated2099AYearAheadAnd1970MidFile_SameAlertUpdatesAsCleanFile()
    {
        var lines = _scenario.Lines.ToList();
        var streamStartSeconds = TagSeconds(lines[0]);
        var hostile = new[] { Year2099Seconds, streamStartSeconds + SecondsPerYear, Year1970Seconds };
        // Spread over the middle of the file, each after a single-sentence message so that no multi-sentence message is split.
        var at = new[] { 0.4, 0.5, 0.6 }.Select(f => SingleSentenceLineAtOrAfter(lines, (int)(lines.Count * f))).ToList();
        for (var i = hostile.Length - 1; i >= 0; i--)
        {
            lines.Insert(at[i] + 1, Sentence(hostile[i], 412_000_700 + i));
        }

        var hostilePath = Path.Combine(_dir, "hostile.nmea");
        await File.WriteAllLinesAsync(hostilePath, lines);

        var clean = await DetectAsync(_scenario.NmeaPath, "clean.jsonl");
        var dirty = await DetectAsync(hostilePath, "hostile.jsonl");

        clean.Should().NotBeEmpty().And.Contain(a => a.Status == "closed", "the scenario yields alerts the misdated lines could disturb");
        dirty.Should().Equal(clean, "a misdated line must not move event time for the whole stream");
    }

    private static long TagSeconds(string line) => long.Parse(line[3..line.IndexOf(',', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);

    private static int SingleSentenceLineAtOrAfter(List<string> lines, int start)
    {
        for (var i = start; i < lines.Count; i++)
        {
            if (lines[i].Contains("!AIVDM,1,1,", StringComparison.Ordinal))
            {
                return i;
            }
        }

        throw new InvalidOperationException("no single-sentence message after line " + start);
    }

    /// <summary>A valid type 1 position report in the scenario's waters, TAG-dated <paramref name="unixSeconds"/>.</summary>
    private static string Sentence(long unixSeconds, int mmsi) =>
        AisEncoder.TagBlock(unixSeconds, "rx1")
        + AisEncoder.ToSentences(AisEncoder.EncodePosition(new AisReport { MessageType = 1, Mmsi = mmsi, Latitude = 39.0, Longitude = 124.5, SpeedKnots = 9 }), 'A', 0).Single();

    private async Task<List<DetectedAlert>> DetectAsync(string input, string outputName)
    {
        var output = Path.Combine(_dir, outputName);
        (await Cli.RunAsync("detect", "--input", input, "--output", output, "--quiet")).ExitCode.Should().Be(0);
        return (await File.ReadAllLinesAsync(output)).Select(DetectedAlert.Parse).ToList();
    }

    private sealed record DetectedAlert(string AlertId, string Status, string Type, string Start, string? End)
    {
        public static DetectedAlert Parse(string line)
        {
            var a = JsonDocument.Parse(line).RootElement;
            return new DetectedAlert(
                a.GetProperty("alertId").GetString()!,
                a.GetProperty("status").GetString()!,
                a.GetProperty("type").GetString()!,
                a.GetProperty("start").GetString()!,
                a.TryGetProperty("end", out var end) && end.ValueKind == JsonValueKind.String ? end.GetString() : null);
        }
    }
}
