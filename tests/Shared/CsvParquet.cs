using System.Globalization;
using Parquet;
using Parquet.Schema;

namespace EDTF.Streaming.Tests;

/// <summary>How <see cref="CsvParquet"/> types the columns it writes.</summary>
public enum ParquetTyping
{
    /// <summary>Every column a string column, values as the CSV holds them.</summary>
    Strings,

    /// <summary>Each column the narrowest of int, double, timestamp (UTC, milliseconds) or string that holds all its values.</summary>
    Typed,
}

/// <summary>Writes the rows of a CSV text (no quoted fields) as a Parquet file with the header's column names: fixtures the tests make themselves.</summary>
internal static class CsvParquet
{
    private static readonly string[] TimeLayouts = ["yyyy-MM-dd'T'HH:mm:ss", "dd/MM/yyyy HH:mm:ss"];

    /// <summary>Writes <paramref name="csv"/> to <paramref name="path"/> in row groups of <paramref name="rowGroupRows"/> rows; empty fields become nulls.</summary>
    public static void Write(string csv, string path, ParquetTyping typing, int rowGroupRows = 10_000) =>
        WriteAsync(csv, path, typing, rowGroupRows).GetAwaiter().GetResult();

    private static async Task WriteAsync(string csv, string path, ParquetTyping typing, int rowGroupRows)
    {
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        var names = lines[0].Split(',').Select(n => n.Trim()).ToArray();
        var rows = lines.Skip(1).Select(l => l.Split(',')).Where(r => r.Length == names.Length).ToList();
        var columns = names.Select((name, i) => Column.Create(name, [.. rows.Select(r => r[i])], typing)).ToList();
        var schema = new ParquetSchema(columns.Select(c => (Field)c.Field));
        await using var file = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(schema, file);
        for (var start = 0; start < rows.Count; start += rowGroupRows)
        {
            var count = Math.Min(rowGroupRows, rows.Count - start);
            using var group = writer.CreateRowGroup();
            foreach (var column in columns)
            {
                await column.WriteAsync(group, start, count);
            }
        }
    }

    private abstract class Column(DataField field)
    {
        public DataField Field { get; } = field;

        public abstract Task WriteAsync(ParquetRowGroupWriter group, int start, int count);

        public static Column Create(string name, string[] values, ParquetTyping typing)
        {
            var present = values.Where(v => v.Length > 0).ToList();
            if (typing == ParquetTyping.Typed && present.Count > 0)
            {
                if (present.All(v => int.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)))
                {
                    return new Values<int>(new DataField<int?>(name), [.. values.Select(v => v.Length == 0 ? (int?)null : int.Parse(v, CultureInfo.InvariantCulture))]);
                }

                if (present.All(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
                {
                    return new Values<double>(new DataField<double?>(name), [.. values.Select(v => v.Length == 0 ? (double?)null : double.Parse(v, CultureInfo.InvariantCulture))]);
                }

                if (present.All(v => DateTime.TryParseExact(v, TimeLayouts, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out _)))
                {
                    var field = new DateTimeDataField(name, DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Millis, isNullable: true);
                    return new Values<DateTime>(field, [.. values.Select(v => v.Length == 0 ? (DateTime?)null
                        : DateTime.ParseExact(v, TimeLayouts, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal))]);
                }
            }

            return new Strings(new DataField<string>(name, nullable: true), [.. values.Select(v => v.Length == 0 ? null : v)]);
        }
    }

    private sealed class Values<T>(DataField field, T?[] values) : Column(field)
        where T : struct
    {
        public override async Task WriteAsync(ParquetRowGroupWriter group, int start, int count) =>
            await group.WriteAsync<T>(Field, values.AsMemory(start, count));
    }

    private sealed class Strings(DataField field, string?[] values) : Column(field)
    {
        public override async Task WriteAsync(ParquetRowGroupWriter group, int start, int count) =>
            await group.WriteAsync(Field, values[start..(start + count)]);
    }
}
