using System.Text.Json;
using EDTF.Streaming.Ais;
using EDTF.Streaming.Ais.Encoders;

namespace EDTF.Streaming.Cli.Tests.Detect;

[Collection(ConsoleErrorCollection.Name)]
public sealed class DetectCommandTests : IDisposable
{
    private const string Command = "detect";
    private const long T0 = 1_709_251_200; // seconds
    private readonly string _dir = Directory.CreateTempSubdirectory("edtf-detect-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>A DPRK vessel silent for 3 h among background traffic, as tag-blocked AIVDM, with its type 5 at the start, and one garbage line.</summary>
    private string Scenario(string name = "scenario.nmea")
    {
        var path = Path.Combine(_dir, name);
        using var w = new StreamWriter(path);
        foreach (var line in DetectArchiveTests.ScenarioLines())
        {
            w.WriteLine(line);
        }

        w.WriteLine("!AIVDM,1,1,,A,garbage*00");
        return path;
    }

    private static async Task<int> Run(params string[] args) => (await Cli.RunAsync([Command, .. args])).ExitCode;

    [Fact]
    public async Task RunAsync_SameInputTwice_ByteIdenticalJsonLines()
    {
        var input = Scenario();
        var first = Path.Combine(_dir, "a.jsonl");
        var second = Path.Combine(_dir, "b.jsonl");

        (await Run("--input", input, "--output", first, "--quiet")).Should().Be(0);
        (await Run("--input", input, "--output", second, "--quiet")).Should().Be(0);

        var bytes = await File.ReadAllBytesAsync(first);
        bytes.Should().NotBeEmpty().And.Equal(await File.ReadAllBytesAsync(second));
    }

    [Fact]
    public async Task RunAsync_DarkDprkTanker_OpenAndClosedAlertsAsJsonLines()
    {
        var output = Path.Combine(_dir, "alerts.jsonl");

        (await Run("--input", Scenario(), "--output", output, "--quiet")).Should().Be(0);

        var lines = await File.ReadAllLinesAsync(output);
        var alerts = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        alerts.Select(a => a.GetProperty("type").GetString() + "/" + a.GetProperty("status").GetString())
            .Should().Equal("DarkPeriod/open", "DarkPeriod/closed");
        var closed = alerts[1];
        closed.GetProperty("vessel").GetProperty("imo").GetInt32().Should().Be(8106496);
        closed.GetProperty("vessel").GetProperty("flag").GetString().Should().Be("KP");
        closed.GetProperty("start").GetString().Should().Be("2024-03-01T01:00:00Z");
        closed.GetProperty("end").GetString().Should().Be("2024-03-01T04:00:00Z");
        closed.GetProperty("source").GetProperty("file").GetString().Should().EndWith("scenario.nmea");
        closed.GetProperty("watchlist").EnumerateArray().Select(w => w.GetProperty("matchedOn").GetString()).Should().Contain(["mid", "imo"]);
    }

    [Fact]
    public async Task RunAsync_GzipAndTwoInputs_ReadAsOneStream()
    {
        var plain = Scenario();
        var gz = Path.Combine(_dir, "scenario.nmea.gz");
        await using (var target = File.Create(gz))
        await using (var zip = new System.IO.Compression.GZipStream(target, System.IO.Compression.CompressionLevel.Fastest))
        await using (var source = File.OpenRead(plain))
        {
            await source.CopyToAsync(zip);
        }

        var fromGz = Path.Combine(_dir, "gz.jsonl");
        var fromPlain = Path.Combine(_dir, "plain.jsonl");
        (await Run("--input", gz, "--output", fromGz, "--quiet")).Should().Be(0);
        (await Run("--input", plain, "--output", fromPlain, "--quiet")).Should().Be(0);

        (await File.ReadAllLinesAsync(fromGz)).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("alertId").GetString())
            .Should().Equal((await File.ReadAllLinesAsync(fromPlain)).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("alertId").GetString()));
    }

    [Theory]
    [InlineData("--scope", "some")]
    [InlineData("--format", "xml")]
    [InlineData("--watchlist", "/nonexistent/list.csv")]
    [InlineData("--lateness-minutes", "soon")]
    [InlineData("--bogus", "1")]
    public async Task RunAsync_BadArgument_Exit2NamingTheOption(string option, string value)
    {
        var result = await Cli.RunAsync(Command, "--input", Scenario(), option, value, "--output", Path.Combine(_dir, "x.jsonl"));

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain(option, "the message names the option");
        File.Exists(Path.Combine(_dir, "x.jsonl")).Should().BeFalse("nothing runs on a bad command line");
    }

    [Fact]
    public async Task RunAsync_MissingInput_Exit2NamingTheFile()
    {
        var result = await Cli.RunAsync(Command, "--input", Path.Combine(_dir, "missing.nmea"));

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("missing.nmea");
    }

    [Fact]
    public async Task RunAsync_CorruptGzip_FailsNamingTheFile()
    {
        var gz = Path.Combine(_dir, "cut.nmea.gz");
        await using (var target = File.Create(gz))
        await using (var zip = new System.IO.Compression.GZipStream(target, System.IO.Compression.CompressionLevel.Fastest))
        await using (var source = File.OpenRead(Scenario()))
        {
            await source.CopyToAsync(zip);
        }

        var bytes = await File.ReadAllBytesAsync(gz);
        for (var i = bytes.Length / 3; i < bytes.Length / 3 + 64; i++)
        {
            bytes[i] = 0xFF;
        }

        await File.WriteAllBytesAsync(gz, bytes);
        var errors = new StringWriter();
        var stderr = Console.Error;
        Console.SetError(errors);
        try
        {
            (await Run("--input", gz, "--output", Path.Combine(_dir, "x.jsonl"), "--quiet")).Should().Be(1);
        }
        finally
        {
            Console.SetError(stderr);
        }

        errors.ToString().Should().Contain("edtf detect: cannot read " + gz + ": ");
    }

    [Fact]
    public async Task RunAsync_InputOfManyBlocks_AlertsAndCountsAsOneByOne()
    {
        // 40 copies of the scenario one day apart: about 22,000 sentences, several blocks handed between threads.
        var one = await File.ReadAllLinesAsync(Scenario());
        var many = Path.Combine(_dir, "many.nmea");
        await using (var w = new StreamWriter(many))
        {
            for (var day = 0; day < 40; day++)
            {
                foreach (var line in one)
                {
                    await w.WriteLineAsync(line.StartsWith("\\c:", StringComparison.Ordinal) ? ShiftTag(line, day * 86_400L) : line);
                }
            }
        }

        var output = Path.Combine(_dir, "many.jsonl");
        var errors = new StringWriter();
        var stderr = Console.Error;
        Console.SetError(errors);
        try
        {
            (await Run("--input", many, "--output", output)).Should().Be(0);
        }
        finally
        {
            Console.SetError(stderr);
        }

        var alerts = (await File.ReadAllLinesAsync(output)).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        alerts.Should().HaveCount(158, "each day's dark period and each night between two days open and close");
        alerts.Select(a => a.GetProperty("start").GetString()).Distinct().Should().HaveCount(79);
        errors.ToString().Should().Contain($"detect: {(one.Length - 1) * 40:N0} sentences in 1 file(s)").And.Contain("40 rejects (bad_checksum 40)").And.Contain("detect: 158 alert updates");
    }

    [Fact]
    public async Task RunAsync_NmeaWithoutTimestamps_WarnsThatDetectionNeedsTime()
    {
        var untimed = Path.Combine(_dir, "untimed.nmea");
        await File.WriteAllLinesAsync(untimed, (await File.ReadAllLinesAsync(Scenario())).Select(l => l.StartsWith('\\') ? l[(l.IndexOf('\\', 1) + 1)..] : l));
        var errors = new StringWriter();
        var stderr = Console.Error;
        Console.SetError(errors);
        try
        {
            (await Run("--input", untimed, "--output", Path.Combine(_dir, "u.jsonl"), "--quiet")).Should().Be(0);
        }
        finally
        {
            Console.SetError(stderr);
        }

        errors.ToString().Should().Contain("reports carry no event time").And.Contain("detect: 0 alert updates");
    }

    private static string ShiftTag(string line, long seconds)
    {
        var end = line.IndexOf(',', StringComparison.Ordinal);
        var t = long.Parse(line.AsSpan(3, end - 3), System.Globalization.CultureInfo.InvariantCulture) + seconds;
        return AisEncoder.TagBlock(t, "rx1") + line[(line.IndexOf('\\', 1) + 1)..];
    }
}
