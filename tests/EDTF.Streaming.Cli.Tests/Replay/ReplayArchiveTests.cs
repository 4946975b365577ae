using System.IO.Compression;
using EDTF.Streaming.Ais.Formats;
using EDTF.Streaming.Cli.Tests.Detect;
using EDTF.Streaming.Kafka.Replay;

namespace EDTF.Streaming.Cli.Tests.Replay;

/// <summary>Replay reads zip and zstd archives like plain files, applies <c>--bbox</c>/<c>--mmsi</c>, and stops on a file in no known format.</summary>
public sealed class ReplayArchiveTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("edtf-replay-archive-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static byte[] Text(IEnumerable<string> lines) => System.Text.Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n");

    private static async Task<(List<(int Mmsi, long? Time, string Value)> Records, ReplayStatistics Statistics)> ReplayAsync(string input, InputFilter? filter = null)
    {
        var (records, statistics, _) = await ReplayFilesAsync(input, filter);
        return (records, statistics);
    }

    private static async Task<(List<(int Mmsi, long? Time, string Value)> Records, ReplayStatistics Statistics, IReadOnlyList<InputProgress> Files)> ReplayFilesAsync(
        string input, InputFilter? filter = null)
    {
        var options = new ReplayOptions { Inputs = [input], Filter = filter ?? new InputFilter() };
        var statistics = new ReplayStatistics();
        var sink = new ListSink();
        var runner = new ReplayRunner(options, sink, TimeProvider.System, statistics);
        (await runner.RunAsync(CancellationToken.None)).Should().BeTrue();
        return (sink.Records, statistics, runner.Files);
    }

    private string Plain() => Write("day.nmea", Text(DetectArchiveTests.ScenarioLines()));

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public async Task RunAsync_ZipAndZstd_SameRecordsAsPlain()
    {
        var lines = DetectArchiveTests.ScenarioLines();
        var half = lines.Count / 2;
        var zip = Path.Combine(_dir, "day.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            foreach (var (name, part) in new[] { ("2.nmea", lines.Skip(half)), ("1.nmea", lines.Take(half)) })
            {
                using var entry = archive.CreateEntry(name).Open();
                entry.Write(Text(part));
            }
        }

        var zst = Path.Combine(_dir, "day.zst");
        using (var file = File.Create(zst))
        using (var zstd = new ZstdSharp.CompressionStream(file))
        {
            zstd.Write(Text(lines));
        }

        var plain = await ReplayAsync(Plain());

        plain.Records.Should().NotBeEmpty();
        (await ReplayAsync(zip)).Records.Should().Equal(plain.Records);
        (await ReplayAsync(zst)).Records.Should().Equal(plain.Records);
    }

    [Fact]
    public async Task RunAsync_MmsiAndBbox_KeepOnlyTheSubsetAndCountTheRest()
    {
        var all = await ReplayAsync(Plain());

        var byMmsi = await ReplayAsync(Plain(), new InputFilter { Mmsis = new HashSet<int> { 412_000_001 } });
        var byBox = await ReplayAsync(Plain(), new InputFilter { Box = new GeoBox(124.1, 39.1, 124.3, 39.3) });

        byMmsi.Records.Should().NotBeEmpty().And.OnlyContain(r => r.Mmsi == 412_000_001);
        byMmsi.Records.Should().Equal(all.Records.Where(r => r.Mmsi == 412_000_001));
        byMmsi.Statistics.Filtered.Should().Be(all.Records.Count - byMmsi.Records.Count);

        // The box holds the background vessel; the other one's positions are outside, its static report (no position) is kept.
        byBox.Records.Should().Equal(all.Records.Where(r => r.Mmsi == 412_000_001 || r.Value.Contains(",2,1,", StringComparison.Ordinal)));
        byBox.Statistics.Filtered.Should().Be(all.Records.Count - byBox.Records.Count);
    }

    [Fact]
    public async Task RunAsync_BinaryFile_ThrowsNamingTheFile()
    {
        var binary = Write("photo.nmea", [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);

        var act = () => ReplayAsync(binary);

        (await act.Should().ThrowAsync<InputFormatException>()).Which.Message.Should().Contain(binary).And.Contain("not a known input format");
    }

    [Fact]
    public async Task RunAsync_SimulatedDayZippedAndAsParquet_SameRecordsAsThePlainCsvAndCountedPerFile()
    {
        var text = await SimulatedDay.MarineCadastreAsync();
        var rows = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length - 1;
        var plain = await ReplayFilesAsync(SimulatedDay.Write(_dir, text, "plain"));

        plain.Records.Should().HaveCountGreaterThan(rows);
        foreach (var form in new[] { "zip", "zstd", "parquet-typed", "parquet-strings" })
        {
            var other = await ReplayFilesAsync(SimulatedDay.Write(_dir, text, form));
            other.Records.Should().Equal(plain.Records, $"{form} replays the records of the plain CSV, line numbers included");
            var file = other.Files.Should().ContainSingle().Subject;
            file.Rows.Should().Be(rows);
            file.Accepted.Should().Be(plain.Records.Count);
            file.BytesRead.Should().Be(file.TotalBytes).And.Be(new FileInfo(file.File).Length);
        }
    }

    private sealed class ListSink : IReplaySink
    {
        public List<(int Mmsi, long? Time, string Value)> Records { get; } = [];

        public void Send(in ReplayRecord record) => Records.Add((record.Mmsi, record.EventTimeMs, System.Text.Encoding.UTF8.GetString(record.Value)));

        public void Flush(TimeSpan timeout)
        {
        }
    }
}
