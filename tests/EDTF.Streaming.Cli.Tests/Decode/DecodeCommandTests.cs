using System.IO.Compression;
using System.Text;
using System.Text.Json;
using EDTF.Streaming.Ais;
using EDTF.Streaming.Cli.Commands;
using EDTF.Streaming.Tests;

namespace EDTF.Streaming.Cli.Tests.Decode;

public class DecodeCommandTests
{
    [Fact]
    public void Decode_RealMix_OneJsonObjectPerMessageAndErrorsWithLineNumbers()
    {
        var (json, errors, stats) = Run(TestPaths.AisData("real-mix/real-mix.nmea"), maxErrors: 100);

        var lines = json.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount((int)stats.Messages);
        var expected = new CountingSink();
        NmeaFileReader.Decode(TestPaths.AisData("real-mix/real-mix.nmea"), new NmeaDecoder(), expected);
        lines.Should().HaveCount(expected.Reports);
        foreach (var line in lines.Take(2000))
        {
            using var doc = JsonDocument.Parse(line);
            doc.RootElement.TryGetProperty("type", out _).Should().BeTrue();
            doc.RootElement.TryGetProperty("mmsi", out _).Should().BeTrue();
            doc.RootElement.GetProperty("line").GetInt64().Should().BePositive();
            doc.RootElement.TryGetProperty("time", out _).Should().BeTrue();
        }

        errors.Should().Contain("line 30710: bad_checksum").And.Contain("line 51143: bad_checksum");
        errors.Should().Contain("messages by type: 1=").And.Contain("rejects by reason: bad_checksum=2").And.Contain("sentences/s");
    }

    [Fact]
    public void Decode_TagBlockFile_WritesContractFields()
    {
        var (json, _, _) = Run(TestPaths.AisData("libais/tagblock.nmea"));

        var objects = json.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var position = objects[0];
        position.GetProperty("type").GetInt32().Should().Be(1);
        position.GetProperty("mmsi").GetInt32().Should().Be(224651000);
        position.GetProperty("line").GetInt64().Should().Be(2);
        position.GetProperty("time").GetString().Should().Be("2014-12-10T00:41:53Z");
        position.GetProperty("lat").GetDouble().Should().BeApproximately(-5.2779167, 1e-6);
        position.GetProperty("lon").GetDouble().Should().BeApproximately(-161.88265, 1e-6);
        position.GetProperty("sog").GetDouble().Should().Be(1.2);
        position.GetProperty("cog").GetDouble().Should().Be(224.6);
        position.GetProperty("heading").GetInt32().Should().Be(155);
        position.GetProperty("navStatus").GetInt32().Should().Be(7);
        position.GetProperty("second").GetInt32().Should().Be(51);
        position.TryGetProperty("callsign", out _).Should().BeFalse("static fields belong to static messages");

        var voyage = objects.Single(o => o.GetProperty("type").GetInt32() == 5);
        voyage.GetProperty("line").GetInt64().Should().Be(1);
        voyage.GetProperty("callsign").GetString().Should().Be("XPD5019");
        voyage.GetProperty("name").GetString().Should().Be("ROSINANTE");
        voyage.GetProperty("imo").ValueKind.Should().Be(JsonValueKind.Null);
        voyage.GetProperty("destination").ValueKind.Should().Be(JsonValueKind.Null);
        voyage.GetProperty("toBow").GetInt32().Should().Be(9);
        voyage.TryGetProperty("lat", out _).Should().BeFalse();
    }

    [Fact]
    public void Decode_NotAvailablePosition_WrittenAsNull()
    {
        var (json, _, _) = Run(TestPaths.AisData("gpsd/sample.aivdm"));

        var nullHeading = json.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Where(o => o.GetProperty("type").GetInt32() is 1 or 2 or 3)
            .Count(o => o.GetProperty("heading").ValueKind == JsonValueKind.Null);
        nullHeading.Should().BePositive("sample.aivdm has class A reports with heading 511");
    }

    [Fact]
    public void Decode_GzipInput_SameOutputAsPlain()
    {
        var plain = TestPaths.AisData("amsa-risky/exact-earth-with-tag-block.txt");
        var gz = Path.Combine(Path.GetTempPath(), $"edtf-{Guid.NewGuid():N}.nmea.gz");
        try
        {
            using (var target = File.Create(gz))
            using (var zip = new GZipStream(target, CompressionLevel.Fastest))
            using (var source = File.OpenRead(plain))
            {
                source.CopyTo(zip);
            }

            Run(gz).Json.Should().Be(Run(plain).Json).And.NotBeEmpty();
        }
        finally
        {
            File.Delete(gz);
        }
    }

    [Fact]
    public void Decode_ErrorCap_PrintsOnlyCapButCountsAll()
    {
        var (_, errors, stats) = Run(TestPaths.AisData("real-mix/real-mix.nmea"), maxErrors: 1);

        errors.Split('\n').Count(l => l.StartsWith("line ", StringComparison.Ordinal)).Should().Be(1);
        errors.Should().Contain($"... {stats.Rejects - 1} more rejected lines not shown");
        errors.Should().Contain($"{stats.Rejects} rejects");
    }

    [Fact]
    public async Task RunAsync_MissingInputFile_ExitCode2()
    {
        var result = await Cli.RunAsync("decode", "--input", "/nonexistent/file.nmea");

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("--input").And.Contain("/nonexistent/file.nmea");
    }

    [Fact]
    public async Task RunAsync_UnwritableOutput_ExitCode2()
    {
        var result = await Cli.RunAsync("decode", "--input", TestPaths.AisData("libais/tagblock.nmea"), "--output", "/nonexistent-dir/out.json");

        result.ExitCode.Should().Be(2);
    }

    [Fact]
    public async Task RunAsync_WithoutInput_ExitCode2NamingTheOption()
    {
        var result = await Cli.RunAsync("decode");

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("--input");
    }

    private static (string Json, string Errors, DecoderStatistics Stats) Run(string input, int maxErrors = 20)
    {
        using var output = new MemoryStream();
        using var errors = new StringWriter();
        var stats = DecodeCommand.Decode(input, output, errors, maxErrors);
        return (Encoding.UTF8.GetString(output.ToArray()), errors.ToString(), stats);
    }

    private sealed class CountingSink : IAisReportSink
    {
        public int Reports { get; private set; }

        public void OnReport(in AisReport report) => Reports++;

        public void OnReject(in DecodeReject reject)
        {
        }
    }
}
