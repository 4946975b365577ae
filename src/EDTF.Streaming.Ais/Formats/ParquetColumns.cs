using System.Globalization;
using Parquet;
using Parquet.Schema;

namespace EDTF.Streaming.Ais.Formats;

/// <summary>
/// One top-level Parquet column of a row group, read whole and written back value by value as the text a CSV export would
/// hold, so that the CSV row parsers read it: strings as they are, whole numbers in decimal, floating point numbers
/// round-trip, timestamps in the export's time layout (as UTC), nulls as empty fields.
/// </summary>
/// <remarks>Owned by the thread reading the file; the buffers are reused from one row group to the next.</remarks>
internal abstract class ParquetColumn(DataField field)
{
    /// <summary>The column's schema field.</summary>
    public DataField Field { get; } = field;

    /// <summary>Reads the column's <paramref name="rows"/> values in <paramref name="group"/>.</summary>
    public abstract Task ReadAsync(ParquetRowGroupReader group, int rows);

    /// <summary>Writes the value of <paramref name="row"/> as text (nothing for null); false when <paramref name="destination"/> is too small.</summary>
    public abstract bool TryWrite(int row, Span<char> destination, out int written);

    /// <summary>A column reader for <paramref name="field"/>, or null for a type no AIS column has (arrays, binary, booleans...).</summary>
    public static ParquetColumn? Create(DataField field, string timeLayout)
    {
        if (field.IsArray)
        {
            return null;
        }

        var type = field.ClrType;
        return type == typeof(string) || type == typeof(ReadOnlyMemory<char>) ? new StringColumn(field)
            : type == typeof(int) ? new ValueColumn<int>(field, null)
            : type == typeof(long) ? new ValueColumn<long>(field, null)
            : type == typeof(short) ? new ValueColumn<short>(field, null)
            : type == typeof(sbyte) ? new ValueColumn<sbyte>(field, null)
            : type == typeof(byte) ? new ValueColumn<byte>(field, null)
            : type == typeof(ushort) ? new ValueColumn<ushort>(field, null)
            : type == typeof(uint) ? new ValueColumn<uint>(field, null)
            : type == typeof(ulong) ? new ValueColumn<ulong>(field, null)
            : type == typeof(double) ? new ValueColumn<double>(field, "R")
            : type == typeof(float) ? new ValueColumn<float>(field, "R")
            : type == typeof(decimal) ? new ValueColumn<decimal>(field, null)
            : type == typeof(DateTime) ? new ValueColumn<DateTime>(field, timeLayout)
            : type == typeof(DateTimeOffset) ? new ValueColumn<DateTimeOffset>(field, timeLayout)
            : null;
    }

    /// <summary>A column of numbers or timestamps, nullable or not.</summary>
    private sealed class ValueColumn<T>(DataField field, string? format) : ParquetColumn(field)
        where T : struct, ISpanFormattable
    {
        private T?[] _values = [];

        public override async Task ReadAsync(ParquetRowGroupReader group, int rows)
        {
            // Required (non-nullable) columns read into nullable buffers too.
            _values = _values.Length >= rows ? _values : new T?[rows];
            await group.ReadAsync<T>(Field, _values.AsMemory(0, rows)).ConfigureAwait(false);
        }

        public override bool TryWrite(int row, Span<char> destination, out int written)
        {
            if (_values[row] is not { } value)
            {
                written = 0;
                return true;
            }

            if (typeof(T) == typeof(DateTimeOffset))
            {
                // A Parquet timestamp is an instant: written as UTC whatever offset it carries.
                return ((DateTimeOffset)(object)value).UtcDateTime.TryFormat(destination, out written, format, CultureInfo.InvariantCulture);
            }

            return value.TryFormat(destination, out written, format, CultureInfo.InvariantCulture);
        }
    }

    /// <summary>A column of UTF-8 strings.</summary>
    private sealed class StringColumn(DataField field) : ParquetColumn(field)
    {
        private string?[] _values = [];

        public override async Task ReadAsync(ParquetRowGroupReader group, int rows)
        {
            _values = _values.Length >= rows ? _values : new string?[rows];
            await group.ReadAsync(Field, _values.AsMemory(0, rows)).ConfigureAwait(false);
        }

        public override bool TryWrite(int row, Span<char> destination, out int written)
        {
            var value = _values[row];
            written = value?.Length ?? 0;
            return value is null || value.AsSpan().TryCopyTo(destination);
        }
    }
}

/// <summary>Writes the values of one Parquet row into <see cref="CsvFields"/>, one field per column, through a reused text buffer.</summary>
/// <remarks>Owned by the thread reading the file.</remarks>
internal sealed class ParquetRowText(IReadOnlyList<ParquetColumn> columns)
{
    private char[] _buffer = new char[1024];

    /// <summary>Makes <paramref name="fields"/> hold row <paramref name="row"/> of the row group last read.</summary>
    public void Fill(CsvFields fields, int row)
    {
        while (!TryFill(fields, row))
        {
            _buffer = new char[_buffer.Length * 2];
        }
    }

    private bool TryFill(CsvFields fields, int row)
    {
        fields.Reset(_buffer);
        var used = 0;
        foreach (var column in columns)
        {
            if (!column.TryWrite(row, _buffer.AsSpan(used), out var written))
            {
                return false;
            }

            fields.Add(used, written);
            used += written;
        }

        return true;
    }
}
