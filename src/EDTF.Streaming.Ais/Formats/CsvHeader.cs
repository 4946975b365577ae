namespace EDTF.Streaming.Ais.Formats;

/// <summary>Column positions of a CSV header, found by name (case-insensitive, a leading <c>#</c> ignored).</summary>
internal sealed class CsvHeader
{
    private readonly Dictionary<string, int> _columns = new(StringComparer.OrdinalIgnoreCase);

    public CsvHeader(CsvFields header)
        : this(Enumerable.Range(0, header.Count).Select(i => header[i].ToString()).ToList())
    {
    }

    /// <summary>A header of these column names (Parquet columns, for instance).</summary>
    public CsvHeader(IReadOnlyList<string> names)
    {
        Count = names.Count;
        for (var i = 0; i < names.Count; i++)
        {
            _columns.TryAdd(names[i].AsSpan().TrimStart('\uFEFF').TrimStart('#').Trim().ToString(), i);
        }
    }

    /// <summary>True when a column of this name (case-insensitive) is present.</summary>
    public bool Has(string name) => _columns.ContainsKey(name);

    /// <summary>The number of columns.</summary>
    public int Count { get; }

    /// <summary>The index of the first of <paramref name="names"/> present, or -1.</summary>
    public int Find(params ReadOnlySpan<string> names)
    {
        foreach (var name in names)
        {
            if (_columns.TryGetValue(name, out var index))
            {
                return index;
            }
        }

        return -1;
    }
}

/// <summary>Parses the data rows of one CSV export into <see cref="CsvRow"/> values.</summary>
internal interface ICsvRowParser
{
    /// <summary>Fills <paramref name="row"/>; on failure says why, in which column and with which value.</summary>
    bool TryParse(CsvFields fields, ref CsvRow row, out CsvRowError error);
}

/// <summary>Why a row failed to parse.</summary>
internal readonly record struct CsvRowError(CsvRejectReason Reason, string Field, string Detail)
{
    public static CsvRowError NotANumber(string field, ReadOnlySpan<char> value) =>
        new(CsvRejectReason.Unparseable, field, $"'{value}' is not a number");
}

/// <summary>Field access helpers for row parsers: a column index of -1 reads as "not given".</summary>
internal static class CsvFieldReading
{
    public static ReadOnlySpan<char> At(this CsvFields fields, int index) => index < 0 ? default : fields[index];

    public static string? TextAt(this CsvFields fields, int index)
    {
        var span = fields.At(index);
        return CsvValues.IsMissing(span) ? null : span.ToString();
    }

    public static bool TryDoubleAt(this CsvFields fields, int index, string name, out double? value, ref CsvRowError error)
    {
        if (CsvValues.TryDouble(fields.At(index), out value))
        {
            return true;
        }

        error = CsvRowError.NotANumber(name, fields.At(index));
        return false;
    }

    public static bool TryIntAt(this CsvFields fields, int index, string name, out int? value, ref CsvRowError error)
    {
        if (CsvValues.TryInt(fields.At(index), out value))
        {
            return true;
        }

        error = CsvRowError.NotANumber(name, fields.At(index));
        return false;
    }
}
