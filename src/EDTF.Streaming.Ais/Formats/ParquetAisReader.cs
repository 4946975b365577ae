using Parquet;
using Parquet.Schema;

namespace EDTF.Streaming.Ais.Formats;

/// <summary>
/// Reads Parquet files whose columns carry the MarineCadastre or the DMA names (as exported by DuckDB, Spark, pandas...)
/// as AIS reports, row group by row group, through the same row mapping as the CSV readers (see docs/formats.md).
/// </summary>
/// <remarks>
/// Memory holds one row group at a time. Columns may be typed as strings, whole numbers, floating point numbers or
/// timestamps alike; a row's line number is its 1-based number plus one, the line the row would have in the CSV export
/// (header on line 1), so that alerts point at the same row whichever form was read.
/// </remarks>
public static class ParquetAisReader
{
    private const string MarineCadastreTimeLayout = "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF";
    private const string DmaTimeLayout = "dd/MM/yyyy HH:mm:ss";

    /// <summary>The CSV format whose column names the file's schema carries: DMA when it has <c>Timestamp</c> and no <c>BaseDateTime</c>, else MarineCadastre.</summary>
    /// <exception cref="InputFormatException">The file is no readable Parquet.</exception>
    public static AisInputFormat SniffFormat(string path)
    {
        using var file = OpenFile(path);
        var reader = Open(path, file);
        try
        {
            return FormatOf(new CsvHeader(DataFields(reader).Select(f => f.Name).ToList()));
        }
        finally
        {
            reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>Reads the file's rows in order as reports and rejects; <see cref="AisInputFormat.Auto"/> is decided from the column names.</summary>
    /// <exception cref="InputFormatException">The file is no readable Parquet, or a row group is corrupt (raised while reading).</exception>
    /// <remarks>Rows that <paramref name="filter"/> leaves out give their position report alone, as in <see cref="CsvAisReader"/>.</remarks>
    public static IEnumerable<AisInputItem> Read(string path, AisInputFormat format, InputProgress? progress = null, InputFilter? filter = null)
    {
        using var file = OpenFile(path);
        var reader = Open(path, file);
        try
        {
            foreach (var item in Read(path, format, progress, filter, file, reader))
            {
                yield return item;
            }
        }
        finally
        {
            reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static IEnumerable<AisInputItem> Read(string path, AisInputFormat format, InputProgress? progress, InputFilter? filter, FileStream file, ParquetReader reader)
    {
        var fields = DataFields(reader);
        format = format == AisInputFormat.Auto ? FormatOf(new CsvHeader(fields.Select(f => f.Name).ToList())) : format;
        var layout = format == AisInputFormat.CsvDma ? DmaTimeLayout : MarineCadastreTimeLayout;
        // Columns of types no AIS field has (lists, binary, booleans) are left out, as if absent.
        var read = fields.Select(f => ParquetColumn.Create(f, layout)).OfType<ParquetColumn>().ToList();
        var rows = TabularAisRows.TryCreate(new CsvHeader(read.Select(c => c.Field.Name).ToList()), format, path, 1, out var badHeader, filter);
        if (rows is null)
        {
            yield return AisInputItem.FromReject(badHeader!);
            yield break;
        }

        var text = new ParquetRowText(read);
        var values = new CsvFields();
        long line = 1;
        long counted = 0;
        for (var group = 0; group < reader.RowGroupCount; group++)
        {
            var count = ReadRowGroup(path, reader, group, read);
            for (var row = 0; row < count; row++)
            {
                line++;
                progress?.AddRows(1);
                text.Fill(values, row);
                if (rows.Convert(values, line) is { } reject)
                {
                    yield return AisInputItem.FromReject(reject);
                    continue;
                }

                foreach (var report in rows.Reports)
                {
                    yield return AisInputItem.FromReport(path, report);
                }
            }

            var position = Math.Min(file.Position, file.Length);
            progress?.Add(Math.Max(0, position - counted));
            counted = Math.Max(counted, position);
        }

        progress?.Add(Math.Max(0, file.Length - counted));
    }

    private static AisInputFormat FormatOf(CsvHeader header) =>
        !header.Has("BaseDateTime") && header.Has("Timestamp") ? AisInputFormat.CsvDma : AisInputFormat.CsvMarineCadastre;

    private static List<DataField> DataFields(ParquetReader reader) => [.. reader.Schema.Fields.OfType<DataField>()];

    private static FileStream OpenFile(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.RandomAccess);

    private static ParquetReader Open(string path, FileStream file)
    {
        try
        {
            return ParquetReader.CreateAsync(file, leaveStreamOpen: true).GetAwaiter().GetResult();
        }
        catch (Exception ex) when (IsCorruption(ex))
        {
            throw new InputFormatException(path, $"corrupt Parquet file: {ex.Message}", ex);
        }
    }

    /// <summary>Reads every column of row group <paramref name="group"/>; returns its row count.</summary>
    private static int ReadRowGroup(string path, ParquetReader reader, int group, List<ParquetColumn> columns)
    {
        try
        {
            using var rowGroup = reader.OpenRowGroupReader(group);
            var count = checked((int)rowGroup.RowCount);
            foreach (var column in columns)
            {
                column.ReadAsync(rowGroup, count).GetAwaiter().GetResult();
            }

            return count;
        }
        catch (Exception ex) when (IsCorruption(ex))
        {
            throw new InputFormatException($"{path} (row group {group + 1} of {reader.RowGroupCount})", $"corrupt Parquet data: {ex.Message}", ex);
        }
    }

    /// <summary>Whatever the decoder throws on damaged bytes (its own exception, bad lengths, bad compressed blocks), not cancellation or lack of memory.</summary>
    private static bool IsCorruption(Exception ex) => ex is not (OperationCanceledException or OutOfMemoryException or InputFormatException);
}
