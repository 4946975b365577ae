using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace EDTF.Streaming.Cli.Tests.Detect;

/// <summary>
/// <c>edtf detect</c> over a simulated day as MarineCadastre and as DMA CSV, each plain, zipped, zstd-compressed and as
/// Parquet: the same alert updates from every form; corrupt archives; filters against pre-filtered files.
/// </summary>
[Collection(ConsoleCapture.Name)]
public sealed class DetectFormsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("edtf-forms-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Task<string> Text(string layout) => layout == "dma" ? SimulatedDay.DmaAsync() : SimulatedDay.MarineCadastreAsync();

    /// <summary>Runs detect; the exit code, the alert updates (source file name left out, source line kept) and standard error.</summary>
    private async Task<(int ExitCode, List<string> Alerts, string Error)> Detect(params string[] args)
    {
        var output = Path.Combine(_dir, Guid.NewGuid().ToString("N") + ".jsonl");
        var (result, errors) = await ConsoleCapture.RunAsync(["detect", .. args, "--output", output, "--progress", "never"]);
        var alerts = File.Exists(output) ? (await File.ReadAllLinesAsync(output)).Select(WithoutSourceFile).ToList() : [];
        return (result.ExitCode, alerts, result.Error + errors);
    }

    private static string WithoutSourceFile(string line)
    {
        var alert = JsonNode.Parse(line)!.AsObject();
        alert["source"]?.AsObject().Remove("file");
        return alert.ToJsonString();
    }

    private static string WithoutSource(string line)
    {
        var alert = JsonNode.Parse(line)!.AsObject();
        alert.Remove("source");
        return alert.ToJsonString();
    }

    [Theory]
    [InlineData("marinecadastre")]
    [InlineData("dma")]
    public async Task Detect_SimulatedDayInEveryForm_SameAlertUpdates(string layout)
    {
        var text = await Text(layout);
        var plain = await Detect("--input", SimulatedDay.Write(_dir, text, "plain"));

        plain.ExitCode.Should().Be(0, plain.Error);
        plain.Alerts.Should().HaveCountGreaterThan(5);
        foreach (var form in new[] { "zip", "zstd", "parquet-typed", "parquet-strings", "parquet-named-csv" })
        {
            var other = await Detect("--input", SimulatedDay.Write(_dir, text, form));
            other.ExitCode.Should().Be(0, other.Error);
            other.Alerts.Should().Equal(plain.Alerts, $"{layout} as {form} gives the alert updates of the plain CSV");
        }
    }

    [Fact]
    public async Task Detect_ZipOfTwoHalvesStoredLaterFirst_ReadsBothInNameOrder()
    {
        var lines = (await SimulatedDay.MarineCadastreAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var half = lines.Length / 2;
        var first = Encoding.UTF8.GetBytes(string.Join('\n', lines.Take(half)) + "\n");
        var second = Encoding.UTF8.GetBytes(string.Join('\n', [lines[0], .. lines.Skip(half)]) + "\n");
        var plain = await Detect("--input", SimulatedDay.Write(_dir, string.Join('\n', lines) + "\n", "plain"));

        var zip = await Detect("--input", SimulatedDay.Zip(Path.Combine(_dir, "halves.zip"), ("AIS_part2.csv", second), ("AIS_part1.csv", first)));

        zip.ExitCode.Should().Be(0, zip.Error);
        zip.Error.Should().Contain("0 rejects");
        zip.Alerts.Select(WithoutSource).Should().Equal(plain.Alerts.Select(WithoutSource)).And.HaveCountGreaterThan(5);
    }

    [Theory]
    [InlineData("zip", "(entry day.csv): corrupt")]
    [InlineData("parquet-typed", "(row group ")]
    public async Task Detect_CorruptArchive_StopsNamingFileAndPartAndKeepsTheAlertsBefore(string form, string part)
    {
        var text = await SimulatedDay.MarineCadastreAsync();
        var full = await Detect("--input", SimulatedDay.Write(_dir, text, "plain"));
        var path = SimulatedDay.Write(_dir, text, form);
        SimulatedDay.Damage(path, at: 0.85);

        var result = await Detect("--input", path);

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("edtf detect: cannot read " + path + " " + part);
        result.Alerts.Should().NotBeEmpty().And.HaveCountLessThan(full.Alerts.Count);
        result.Alerts.Should().Equal(full.Alerts.Take(result.Alerts.Count), "what was found before the damage was written as in the full run");
    }

    [Theory]
    [InlineData("parquet-typed")]
    [InlineData("zip")]
    public async Task Detect_MmsiAndTimeFilters_SameAlertsAsAPreFilteredFile(string form)
    {
        var text = await SimulatedDay.MarineCadastreAsync();
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var full = await Detect("--input", SimulatedDay.Write(_dir, text, "plain"));
        var kept = full.Alerts.Select(a => JsonNode.Parse(a)!["vessel"]!["mmsi"]!.GetValue<int>()).Distinct().Take(3).ToHashSet();
        var from = new DateTime(2026, 3, 1, 1, 0, 0, DateTimeKind.Utc);
        var to = new DateTime(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc);
        var preFiltered = string.Join('\n', lines.Take(1).Concat(lines.Skip(1).Where(l =>
        {
            var f = l.Split(',');
            var time = DateTime.Parse(f[1], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
            return kept.Contains(int.Parse(f[0], CultureInfo.InvariantCulture)) && time >= from && time < to;
        }))) + "\n";
        var expected = await Detect("--input", SimulatedDay.Write(Directory.CreateTempSubdirectory("edtf-prefiltered-").FullName, preFiltered, "plain"));

        var filtered = await Detect(
            "--input", SimulatedDay.Write(_dir, text, form), "--mmsi", string.Join(',', kept), "--from", "2026-03-01T01:00:00Z", "--to", "2026-03-01T09:00:00Z");

        filtered.ExitCode.Should().Be(0, filtered.Error);
        filtered.Error.Should().MatchRegex(@"detect: [\d,]+ reports skipped by --bbox/--mmsi/--from/--to");
        expected.Alerts.Should().NotBeEmpty().And.HaveCountLessThan(full.Alerts.Count);
        filtered.Alerts.Select(WithoutSource).Should().Equal(expected.Alerts.Select(WithoutSource));
    }

    [Fact]
    public async Task Detect_Parquet_SummaryLinePerFile()
    {
        var text = await SimulatedDay.MarineCadastreAsync();
        var rows = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length - 1;
        var path = SimulatedDay.Write(_dir, text, "parquet-typed");

        var result = await Detect("--input", path);

        result.Error.Should().Contain(string.Create(CultureInfo.InvariantCulture, $"detect: {path}: {rows:N0} rows, ")).And.Contain(" 0 skipped by filters, 0 rejects");
    }
}
