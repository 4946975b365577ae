using System.Text.Json.Nodes;
using EDTF.Streaming.Ais;
using EDTF.Streaming.Ais.Encoders;

namespace EDTF.Streaming.Cli.Tests.Detect;

/// <summary><c>edtf detect --bbox/--mmsi/--from/--to</c> give the alerts of a file filtered beforehand.</summary>
[Collection(ConsoleErrorCollection.Name)]
public sealed class DetectFilterTests : IDisposable
{
    private const long T0 = 1_709_251_200; // 2024-03-01T00:00:00Z
    private const int Yellow = 445_123_456; // near 39N 124E, dark 01:00-04:00
    private const int South = 445_999_999; // near 20N 110E, dark 02:00-05:00
    private const int Background = 412_000_001; // 39.2N 124.2E
    private readonly string _dir = Directory.CreateTempSubdirectory("edtf-filter-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Two DPRK vessels going dark far apart, and a Chinese one; only the messages <paramref name="keep"/> accepts (mmsi, seconds, lat, lon).</summary>
    private string Scenario(string name, Func<int, long, double?, double?, bool> keep)
    {
        var path = Path.Combine(_dir, name);
        using var w = new StreamWriter(path);
        void Write(long seconds, AisPayload payload, AisReport report)
        {
            if (!keep(report.Mmsi, seconds, report.Latitude, report.Longitude))
            {
                return;
            }

            foreach (var s in AisEncoder.ToSentences(payload, 'A', (int)(seconds % 10)))
            {
                w.WriteLine(AisEncoder.TagBlock(T0 + seconds, "rx1") + s);
            }
        }

        void Static(long seconds, int mmsi, int imo)
        {
            var report = new AisReport { MessageType = 5, Mmsi = mmsi, Imo = imo, Name = "V" + mmsi, ShipType = 80, DraughtMeters = 5 };
            Write(seconds, AisEncoder.EncodeStaticAndVoyage(report), report);
        }

        void Position(long seconds, int mmsi, double lat, double lon, double knots)
        {
            var report = new AisReport { MessageType = 1, Mmsi = mmsi, Latitude = lat, Longitude = lon, SpeedKnots = knots };
            Write(seconds, AisEncoder.EncodePosition(report), report);
        }

        Static(0, Yellow, 8106496);
        Static(1, South, 9001234);
        for (var t = 60L; t <= 7 * 3600; t += 60)
        {
            if (t <= 3600 || t >= 4 * 3600)
            {
                Position(t, Yellow, 39.0, 124.0 + (t / 3600.0 * 0.01), 8);
            }

            if (t <= 2 * 3600 || t >= 5 * 3600)
            {
                Position(t + 10, South, 20.0, 110.0 + (t / 3600.0 * 0.01), 8);
            }

            Position(t + 30, Background, 39.2, 124.2, 10);
        }

        return path;
    }

    private string Everything() => Scenario("all.nmea", (_, _, _, _) => true);

    private async Task<(int ExitCode, List<string> Alerts, string Error)> Detect(string input, params string[] options)
    {
        var output = Path.Combine(_dir, Guid.NewGuid().ToString("N") + ".jsonl");
        var errors = new StringWriter();
        var stderr = Console.Error;
        Console.SetError(errors);
        int exit;
        try
        {
            exit = (await Cli.RunAsync(["detect", "--input", input, "--output", output, "--scope", "all", .. options])).ExitCode;
        }
        finally
        {
            Console.SetError(stderr);
        }

        List<string> alerts = File.Exists(output)
            ? [.. (await File.ReadAllLinesAsync(output)).Select(l =>
            {
                var alert = JsonNode.Parse(l)!.AsObject();
                alert.Remove("source");
                return alert.ToJsonString();
            })]
            : [];
        return (exit, alerts, errors.ToString());
    }

    [Fact]
    public async Task Detect_Bbox_SameAlertsAsPrefilteredFile()
    {
        var all = await Detect(Everything());
        var prefiltered = await Detect(Scenario("box.nmea", (_, _, lat, lon) => lat is null || (lat is >= 38 and <= 40 && lon is >= 123 and <= 125)));

        var filtered = await Detect(Everything(), "--bbox", "123,38,125,40");

        filtered.ExitCode.Should().Be(0);
        prefiltered.Alerts.Should().NotBeEmpty();
        all.Alerts.Count.Should().BeGreaterThan(prefiltered.Alerts.Count, "the south vessel's alerts are outside the box");
        filtered.Alerts.Should().Equal(prefiltered.Alerts);
        filtered.Error.Should().MatchRegex(@"detect: [\d,]+ reports skipped by --bbox/--mmsi/--from/--to");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Detect_Mmsi_SameAlertsAsPrefilteredFile(bool fromFile)
    {
        var list = Path.Combine(_dir, "mmsi.txt");
        await File.WriteAllTextAsync(list, $"# vessels\n{South}\n999000001 # not in the data\n");
        var prefiltered = await Detect(Scenario("south.nmea", (mmsi, _, _, _) => mmsi is South or 999_000_001));

        var filtered = await Detect(Everything(), "--mmsi", fromFile ? "@" + list : $"{South},999000001");

        filtered.ExitCode.Should().Be(0);
        prefiltered.Alerts.Should().NotBeEmpty();
        filtered.Alerts.Should().Equal(prefiltered.Alerts);
    }

    [Fact]
    public async Task Detect_FromTo_SameAlertsAsPrefilteredFile()
    {
        var prefiltered = await Detect(Scenario("window.nmea", (_, t, _, _) => t >= 1800 && t < 6 * 3600));

        var filtered = await Detect(Everything(), "--from", "2024-03-01T00:30:00Z", "--to", "2024-03-01T06:00:00Z");

        filtered.ExitCode.Should().Be(0);
        prefiltered.Alerts.Should().NotBeEmpty();
        filtered.Alerts.Should().Equal(prefiltered.Alerts);
    }

    [Theory]
    [InlineData("--bbox", "123,38,125")]
    [InlineData("--bbox", "123,41,125,40")]
    [InlineData("--mmsi", "445123456,ship")]
    [InlineData("--mmsi", "@/nonexistent/mmsi.txt")]
    [InlineData("--from", "yesterday")]
    public async Task Detect_BadFilter_Exit2NamingTheOption(string option, string value)
    {
        var result = await Cli.RunAsync("detect", "--input", Everything(), option, value, "--output", Path.Combine(_dir, "x.jsonl"));

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain(option);
        File.Exists(Path.Combine(_dir, "x.jsonl")).Should().BeFalse();
    }
}
