using System.Text;
using EDTF.Streaming.Ais.Formats;
using EDTF.Streaming.Tests;

namespace EDTF.Streaming.Ais.Tests.Formats;

/// <summary>Parquet files with MarineCadastre or DMA column names read as the same reports as the CSV they were written from.</summary>
public sealed class ParquetInputTests : IDisposable
{
    private static readonly string[] MarineCadastreRows =
    [
        "445123000,2023-01-01T00:00:00,38.95,125.1,10.5,87.2,88,CHON MA SAN,IMO8660313,HMKE,80,0,110,18,6.5,80,A",
        "445123000,2023-01-01T00:02:00,38.96,125.11,10.4,87.0,87,,,,,0,,,,,A",
        "366000001,2023-01-01T00:03:00,30,-90,5,180,511,SMALL BOAT,,WXY123,37,,10,3,,,B",
        "366000002,2023-01-01T00:04:00,30,-90,,,,,,,,,,,,,A",
        "366000003,2023-01-01T00:05:00,95,-90,,,,,,,,,,,,,A",
        "0,2023-01-01T00:06:00,30,-90,,,,,,,,,,,,,A",
        "366000004,2023-01-01T00:07:00,91,181,0.0,360.0,511,,,,,15,,,,,A",
    ];

    private static readonly string[] DmaRows =
    [
        "27/02/2023 13:45:07,Class A,219000873,56.990910,10.304543,Under way using engine,0.0,12.3,30.2,81,9123456,OWLZ2,TANJA,Tanker,Category X,16,120,GPS,7.1,AARHUS,28/02/2023 06:30:00,AIS,60,60,8,8",
        "27/02/2023 13:46:07,Class A,219000873,56.991910,10.305543,Under way using engine,0.0,12.1,30.0,80,9123456,OWLZ2,TANJA,Tanker,Category X,16,120,GPS,7.1,AARHUS,28/02/2023 06:30:00,AIS,60,60,8,8",
        "27/02/2023 13:47:00,Class B,219000875,56.7,11.5,Unknown value,,0,,,Unknown,OXYZ,FERRY,Passenger,,21,101,GPS,,Unknown,,AIS,,,,",
        "27/02/2023 13:48:00,Base Station,2190001,56.7,11.5,Unknown value,,,,,Unknown,Unknown,,Undefined,,,,GPS,,Unknown,,AIS,,,,",
    ];

    private readonly TempFiles _temp = new();

    public void Dispose() => _temp.Dispose();

    private string PathOf(string name) => Path.Combine(_temp.Root, name);

    private static List<AisInputItem> ReadAll(string path, AisInputFormat format = AisInputFormat.Auto) =>
        [.. AisInputReader.Read([path], format)];

    /// <summary>Items as text that differs when any report field, line or reject differs (file names left out).</summary>
    private static List<string> Comparable(IEnumerable<AisInputItem> items) =>
        [.. items.Select(i => i.Reject is { } r ? $"{r.Line} {r.Reason} {r.Field}" : Encoding.UTF8.GetString(AisReportJson.SerializeToUtf8Bytes(i.Report)))];

    [Theory]
    [InlineData(ParquetTyping.Typed, 3)]
    [InlineData(ParquetTyping.Strings, 3)]
    [InlineData(ParquetTyping.Typed, 100)]
    public void Read_MarineCadastreParquet_SameReportsAndRejectsAsTheCsv(ParquetTyping typing, int rowGroupRows)
    {
        var csvText = SomeCsv.MarineCadastre(MarineCadastreRows);
        var csv = _temp.Write("day.csv", csvText);
        var parquet = PathOf("day.parquet");
        CsvParquet.Write(csvText, parquet, typing, rowGroupRows);

        var fromCsv = ReadAll(csv);
        var fromParquet = ReadAll(parquet);

        fromCsv.Where(i => i.IsReject).Select(i => i.Reject!.Reason).Should().Equal("impossible_coordinates", "bad_mmsi");
        Comparable(fromParquet).Should().Equal(Comparable(fromCsv));
        fromParquet.Should().OnlyContain(i => i.File == parquet);
    }

    [Theory]
    [InlineData(ParquetTyping.Typed)]
    [InlineData(ParquetTyping.Strings)]
    public void Read_DmaParquet_SameReportsAsTheCsv(ParquetTyping typing)
    {
        var csvText = SomeCsv.Dma(DmaRows);
        var csv = _temp.Write("aisdk.csv", csvText);
        var parquet = PathOf("aisdk.parquet");
        CsvParquet.Write(csvText, parquet, typing, rowGroupRows: 2);

        var fromParquet = ReadAll(parquet);

        fromParquet.Should().HaveCountGreaterThan(4).And.OnlyContain(i => !i.IsReject);
        Comparable(fromParquet).Should().Equal(Comparable(ReadAll(csv)));
    }

    [Fact]
    public void Read_ParquetNamedCsvGz_ToldByContent()
    {
        var csvText = SomeCsv.MarineCadastre(MarineCadastreRows[0]);
        var lying = PathOf("day.csv.gz");
        CsvParquet.Write(csvText, lying, ParquetTyping.Typed);

        FormatSniffer.Sniff(lying).Should().Be(AisInputFormat.CsvMarineCadastre);
        ReadAll(lying).Select(i => i.Report.MessageType).Should().Equal(5, 1);
    }

    [Fact]
    public void Read_ParquetWithoutTimeColumn_OneBadHeaderReject()
    {
        var parquet = PathOf("no-time.parquet");
        CsvParquet.Write("MMSI,LAT,LON\n366000001,30,-90\n", parquet, ParquetTyping.Typed);

        var items = ReadAll(parquet);

        items.Should().ContainSingle().Which.Reject!.Should().Match<InputReject>(r => r.Reason == "bad_header" && r.Field == "BaseDateTime" && r.Line == 1);
    }

    [Fact]
    public void Read_ParquetAsNmea_StopsSayingHowToReadIt()
    {
        var parquet = PathOf("day.parquet");
        CsvParquet.Write(SomeCsv.MarineCadastre(MarineCadastreRows[0]), parquet, ParquetTyping.Typed);

        var act = () => ReadAll(parquet, AisInputFormat.Nmea);

        act.Should().Throw<InputFormatException>().WithMessage($"{parquet}: a Parquet file is read by its columns*");
    }

    [Fact]
    public void Read_ParquetInsideZip_StopsNamingTheEntry()
    {
        var parquet = PathOf("day.parquet");
        CsvParquet.Write(SomeCsv.MarineCadastre(MarineCadastreRows[0]), parquet, ParquetTyping.Typed);
        var zip = PathOf("day.zip");
        ArchiveInputTests.WriteZip(zip, ("day.parquet", File.ReadAllBytes(parquet)));

        var act = () => ReadAll(zip);

        act.Should().Throw<InputFormatException>().WithMessage($"{zip} (entry day.parquet): a Parquet file*unpack it first*");
    }

    [Fact]
    public void Read_CorruptRowGroup_KeepsEarlierRowsThenStopsNamingFileAndRowGroup()
    {
        var rows = Enumerable.Range(0, 400).Select(i => $"3660{i:D5},2023-01-01T00:{i / 60 % 60:D2}:{i % 60:D2},30.{i:D3},-90,,,,,,,,,,,,,A").ToArray();
        var parquet = PathOf("day.parquet");
        CsvParquet.Write(SomeCsv.MarineCadastre(rows), parquet, ParquetTyping.Strings, rowGroupRows: 100);
        var bytes = File.ReadAllBytes(parquet);

        // Damage the middle of the data (row groups 2-3), not the footer that holds the schema.
        for (var i = bytes.Length * 2 / 5; i < (bytes.Length * 2 / 5) + 40; i++)
        {
            bytes[i] ^= 0x5A;
        }

        File.WriteAllBytes(parquet, bytes);
        var read = new List<AisInputItem>();

        var act = () => read.AddRange(AisInputReader.ReadFile(parquet, AisInputFormat.CsvMarineCadastre));

        act.Should().Throw<InputFormatException>().WithMessage($"{parquet} (row group * of 4): corrupt Parquet data*");
        read.Should().HaveCountGreaterThanOrEqualTo(100);
        read.Take(100).Select(i => i.Report.Mmsi).Should().Equal(Enumerable.Range(0, 100).Select(i => 366_000_000 + i));
    }

    [Fact]
    public void Read_WithProgress_CountsRowsAndEveryByteOfTheFile()
    {
        var parquet = PathOf("day.parquet");
        CsvParquet.Write(SomeCsv.MarineCadastre(MarineCadastreRows), parquet, ParquetTyping.Typed, rowGroupRows: 2);
        var progress = new InputProgress(parquet, new FileInfo(parquet).Length);

        _ = AisInputReader.ReadFile(parquet, AisInputFormat.CsvMarineCadastre, progress).ToList();

        progress.Rows.Should().Be(MarineCadastreRows.Length);
        progress.BytesRead.Should().Be(new FileInfo(parquet).Length);
    }

    [Fact]
    public void Read_CsvWithProgress_CountsDataRowsNotTheHeader()
    {
        var csv = _temp.Write("day.csv", SomeCsv.MarineCadastre(MarineCadastreRows));
        var progress = new InputProgress(csv);

        _ = AisInputReader.ReadFile(csv, AisInputFormat.CsvMarineCadastre, progress).ToList();

        progress.Rows.Should().Be(MarineCadastreRows.Length);
        progress.BytesRead.Should().Be(Encoding.UTF8.GetByteCount(SomeCsv.MarineCadastre(MarineCadastreRows)));
    }
}
