using System.IO.Compression;
using System.Text;
using EDTF.Streaming.Ais.Formats;

namespace EDTF.Streaming.Ais.Tests.Formats;

public sealed class ArchiveInputTests : IDisposable
{
    private const string RowA = "366000001,2023-01-01T00:00:00,30,-90,,,,,,,,,,,,,A";
    private const string RowB = "366000002,2023-01-01T00:01:00,30,-90,,,,,,,,,,,,,A";
    private readonly TempFiles _temp = new();

    public void Dispose() => _temp.Dispose();

    internal static void WriteZip(string path, params (string Name, byte[] Bytes)[] entries)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (name, bytes) in entries)
        {
            using var entry = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
            entry.Write(bytes);
        }
    }

    internal static void WriteZstd(string path, byte[] bytes)
    {
        using var file = File.Create(path);
        using var zstd = new ZstdSharp.CompressionStream(file);
        zstd.Write(bytes);
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private string PathOf(string name) => Path.Combine(_temp.Root, name);

    [Fact]
    public void Read_ZipOfTwoCsvEntries_ReadsBothInNameOrderWithoutRejects()
    {
        var zip = PathOf("day.zip");
        WriteZip(zip, ("b.csv", Utf8(SomeCsv.MarineCadastre(RowB))), ("a.csv", Utf8(SomeCsv.MarineCadastre(RowA).TrimEnd('\n'))));

        var items = AisInputReader.Read([zip], AisInputFormat.Auto).ToList();

        items.Should().OnlyContain(i => !i.IsReject);
        items.Select(i => i.Report.Mmsi).Should().Equal(366000001, 366000002);
    }

    [Theory]
    [InlineData("day.zst")]
    [InlineData("day.csv")]
    public void Read_ZstdByContent_SameReportsAsPlain(string name)
    {
        var text = SomeCsv.MarineCadastre(RowA, RowB);
        var zst = PathOf(name);
        WriteZstd(zst, Utf8(text));
        var plain = _temp.Write("plain.csv", text);

        AisInputReader.Read([zst], AisInputFormat.Auto).Select(i => i.Report)
            .Should().Equal(AisInputReader.Read([plain], AisInputFormat.Auto).Select(i => i.Report));
    }

    [Fact]
    public void Read_ZipNamedGz_ReadByContent()
    {
        var lying = PathOf("day.csv.gz");
        WriteZip(lying, ("a.csv", Utf8(SomeCsv.MarineCadastre(RowA))));

        AisInputReader.Read([lying], AisInputFormat.Auto).Select(i => i.Report.Mmsi).Should().Equal(366000001);
    }

    [Fact]
    public void Read_BinaryFile_ThrowsNamingTheFile()
    {
        var binary = PathOf("image.nmea");
        File.WriteAllBytes(binary, [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);

        var act = () => AisInputReader.Read([binary], AisInputFormat.Auto).ToList();

        act.Should().Throw<InputFormatException>().Which.Message.Should().Contain(binary).And.Contain("not a known input format");
    }

    [Fact]
    public void Read_ZipOfAZip_ThrowsNamingFileAndEntry()
    {
        var inner = PathOf("inner.zip");
        WriteZip(inner, ("a.csv", Utf8(SomeCsv.MarineCadastre(RowA))));
        var outer = PathOf("outer.zip");
        WriteZip(outer, ("inner.zip", File.ReadAllBytes(inner)));

        var act = () => AisInputReader.Read([outer], AisInputFormat.Auto).ToList();

        act.Should().Throw<InputFormatException>().Which.Message.Should().Contain(outer).And.Contain("inner.zip").And.Contain("archive inside");
    }

    [Fact]
    public void Read_TruncatedZip_ThrowsNamingTheFile()
    {
        var zip = PathOf("cut.zip");
        WriteZip(zip, ("a.csv", Utf8(SomeCsv.MarineCadastre(RowA, RowB))));
        var bytes = File.ReadAllBytes(zip);
        File.WriteAllBytes(zip, bytes[..(bytes.Length / 2)]);

        var act = () => AisInputReader.Read([zip], AisInputFormat.Auto).ToList();

        act.Should().Throw<InputFormatException>().Which.Message.Should().Contain(zip).And.Contain("corrupt");
    }

    [Fact]
    public void Read_TruncatedZstd_ThrowsNamingTheFile()
    {
        var zst = PathOf("cut.zst");
        var rows = Enumerable.Range(0, 2000).Select(i => $"36600{i:D4},2023-01-01T00:00:00,30,-90,,,,,,,,,,,,,A").ToArray();
        WriteZstd(zst, Utf8(SomeCsv.MarineCadastre(rows)));
        var bytes = File.ReadAllBytes(zst);
        File.WriteAllBytes(zst, bytes[..(bytes.Length / 2)]);

        var act = () => AisInputReader.Read([zst], AisInputFormat.Auto).ToList();

        act.Should().Throw<InputFormatException>().Which.Message.Should().Contain(zst).And.Contain("corrupt");
    }

    [Fact]
    public void Read_StoredZipEntryWithAFlippedByte_StopsOnItsCrc()
    {
        var zip = PathOf("stored.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            using var entry = archive.CreateEntry("day.csv", CompressionLevel.NoCompression).Open();
            entry.Write(Utf8(SomeCsv.MarineCadastre(RowA, RowB)));
        }

        // Stored data has no deflate structure to break: only the CRC-32 tells the digit 6 turned into a 7.
        var bytes = File.ReadAllBytes(zip);
        var at = bytes.AsSpan().IndexOf("366000002"u8);
        bytes[at + 2] = (byte)'7';
        File.WriteAllBytes(zip, bytes);

        var act = () => AisInputReader.Read([zip], AisInputFormat.Auto).ToList();

        act.Should().Throw<InputFormatException>().WithMessage($"{zip} (entry day.csv): corrupt zip entry: CRC-32 * of the data read, * recorded");
    }

    [Fact]
    public void Read_LargeZipEntry_CountsCompressedBytesAsTheyAreReadAndTheWholeArchiveAtTheEnd()
    {
        var rows = Enumerable.Range(0, 40_000).Select(i => $"3660{i % 1000:D5},2023-01-01T{i / 3600 % 24:D2}:{i / 60 % 60:D2}:{i % 60:D2},30.{i:D5},-90.{i * 7 % 100000:D5},,,,,,,,,,,,,A");
        var zip = PathOf("big.zip");
        WriteZip(zip, ("day.csv", Utf8(SomeCsv.MarineCadastre([.. rows]))));
        var length = new FileInfo(zip).Length;
        var progress = new InputProgress(zip, length);
        using var items = AisInputReader.ReadFile(zip, AisInputFormat.CsvMarineCadastre, progress).GetEnumerator();

        items.MoveNext().Should().BeTrue();
        var early = progress.BytesRead;
        while (items.MoveNext())
        {
        }

        early.Should().BeGreaterThan(0).And.BeLessThan(length / 2, "bytes are counted while the entry is read, not only at its end");
        progress.BytesRead.Should().Be(length);
        progress.Rows.Should().Be(40_000);
    }
}
