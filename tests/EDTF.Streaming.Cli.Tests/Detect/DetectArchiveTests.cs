using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using EDTF.Streaming.Ais;
using EDTF.Streaming.Ais.Encoders;

namespace EDTF.Streaming.Cli.Tests.Detect;

/// <summary><c>edtf detect</c> over zip and zstd archives, files in no known format, and corrupt archives.</summary>
[Collection(ConsoleErrorCollection.Name)]
public sealed class DetectArchiveTests : IDisposable
{
    private const long T0 = 1_709_251_200; // seconds
    private readonly string _dir = Directory.CreateTempSubdirectory("edtf-archive-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>A DPRK vessel silent for 3 h (01:00-04:00) among background traffic, as tag-blocked AIVDM lines.</summary>
    internal static List<string> ScenarioLines()
    {
        var lines = new List<string>();
        void Write(long seconds, AisPayload payload)
        {
            foreach (var s in AisEncoder.ToSentences(payload, 'A', (int)(seconds % 10)))
            {
                lines.Add(AisEncoder.TagBlock(T0 + seconds, "rx1") + s);
            }
        }

        Write(0, AisEncoder.EncodeStaticAndVoyage(new AisReport { MessageType = 5, Mmsi = 445_123_456, Imo = 8106496, Name = "SAM MA 2", ShipType = 80, DraughtMeters = 5 }));
        for (var t = 60L; t <= 6 * 3600; t += 60)
        {
            if (t <= 3600 || t >= 4 * 3600)
            {
                Write(t, AisEncoder.EncodePosition(new AisReport { MessageType = 1, Mmsi = 445_123_456, Latitude = 39.0, Longitude = 124.0 + (t / 3600.0 * 0.01), SpeedKnots = 8 }));
            }

            Write(t + 30, AisEncoder.EncodePosition(new AisReport { MessageType = 1, Mmsi = 412_000_001, Latitude = 39.2, Longitude = 124.2, SpeedKnots = 10 }));
        }

        return lines;
    }

    private static byte[] Text(IEnumerable<string> lines) => System.Text.Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n");

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private string Zip(string name, params (string Entry, byte[] Bytes)[] entries)
    {
        var path = Path.Combine(_dir, name);
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (entry, bytes) in entries)
        {
            using var stream = zip.CreateEntry(entry, CompressionLevel.Fastest).Open();
            stream.Write(bytes);
        }

        return path;
    }

    private string Zstd(string name, byte[] bytes)
    {
        var path = Path.Combine(_dir, name);
        using var file = File.Create(path);
        using var zstd = new ZstdSharp.CompressionStream(file);

        // As the zstd command line writes frames by default: with a content checksum, so that corruption is found.
        zstd.SetParameter(ZstdSharp.Unsafe.ZSTD_cParameter.ZSTD_c_checksumFlag, 1);
        zstd.Write(bytes);
        return path;
    }

    /// <summary>Runs detect over <paramref name="input"/>; the exit code, the alerts (without their source file) and standard error.</summary>
    private async Task<(int ExitCode, List<string> Alerts, string Error)> Detect(string input)
    {
        var output = Path.Combine(_dir, Guid.NewGuid().ToString("N") + ".jsonl");
        var errors = new StringWriter();
        var stderr = Console.Error;
        Console.SetError(errors);
        int exit;
        try
        {
            exit = (await Cli.RunAsync("detect", "--input", input, "--output", output, "--quiet")).ExitCode;
        }
        finally
        {
            Console.SetError(stderr);
        }

        var alerts = File.Exists(output)
            ? (await File.ReadAllLinesAsync(output)).Select(WithoutSource).ToList()
            : [];
        return (exit, alerts, errors.ToString());
    }

    private static string WithoutSource(string line)
    {
        var alert = JsonNode.Parse(line)!.AsObject();
        alert.Remove("source");
        return alert.ToJsonString();
    }

    [Fact]
    public async Task Detect_PlainZipAndZstd_SameAlerts()
    {
        var text = Text(ScenarioLines());
        var plain = await Detect(Write("day.nmea", text));
        var zip = await Detect(Zip("day.zip", ("day.nmea", text)));
        var zst = await Detect(Zstd("day.nmea.zst", text));

        plain.ExitCode.Should().Be(0);
        plain.Alerts.Should().HaveCount(2);
        zip.ExitCode.Should().Be(0);
        zip.Alerts.Should().Equal(plain.Alerts);
        zst.ExitCode.Should().Be(0);
        zst.Alerts.Should().Equal(plain.Alerts);
    }

    [Fact]
    public async Task Detect_ExtensionLies_ReadByContent()
    {
        var text = Text(ScenarioLines());
        var plain = await Detect(Write("day.nmea", text));
        var zipNamedNmea = await Detect(Zip("day-zip.nmea", ("day.nmea", text)));
        var zstdNamedGz = await Detect(Zstd("day-zst.gz", text));

        zipNamedNmea.ExitCode.Should().Be(0);
        zipNamedNmea.Alerts.Should().Equal(plain.Alerts);
        zstdNamedGz.ExitCode.Should().Be(0);
        zstdNamedGz.Alerts.Should().Equal(plain.Alerts);
    }

    [Fact]
    public async Task Detect_ZipOfTwoEntries_ReadsBothInNameOrder()
    {
        var lines = ScenarioLines();
        var half = lines.Count / 2;
        var plain = await Detect(Write("day.nmea", Text(lines)));

        // The later half is stored first: reading in storage order would put the vessel's reports out of order.
        var zip = await Detect(Zip("day.zip", ("part-2.nmea", Text(lines.Skip(half))), ("part-1.nmea", Text(lines.Take(half)))));

        zip.ExitCode.Should().Be(0);
        zip.Alerts.Should().HaveCount(2).And.Equal(plain.Alerts);
    }

    [Fact]
    public async Task Detect_BinaryFile_Exit1NamingTheFile()
    {
        var binary = Write("photo.nmea", [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, (byte)'I', (byte)'H', (byte)'D', (byte)'R']);

        var result = await Detect(binary);

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("edtf detect: cannot read " + binary + ": not a known input format");
    }

    [Fact]
    public async Task Detect_ZipOfSomethingElse_Exit1NamingFileAndEntry()
    {
        var zip = Zip("pictures.zip", ("photo.png", [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));

        var result = await Detect(zip);

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain(zip).And.Contain("photo.png").And.Contain("not a known input format");
    }

    [Theory]
    [InlineData("cut.zip")]
    [InlineData("cut.zst")]
    public async Task Detect_CorruptArchive_Exit1NamingTheFile(string name)
    {
        var text = Text(ScenarioLines());
        var path = name.EndsWith(".zip", StringComparison.Ordinal) ? Zip(name, ("day.nmea", text)) : Zstd(name, text);
        var bytes = await File.ReadAllBytesAsync(path);
        for (var i = bytes.Length / 3; i < (bytes.Length / 3) + 64; i++)
        {
            bytes[i] ^= 0x5A;
        }

        await File.WriteAllBytesAsync(path, bytes);

        var result = await Detect(path);

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("edtf detect: cannot read " + path).And.Contain("corrupt");
    }
}
