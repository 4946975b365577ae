namespace EDTF.Streaming.Ais.Formats;

/// <summary>
/// Turns the fields of tabular rows (a CSV line, a Parquet row) into AIS reports with the MarineCadastre or DMA column
/// mapping: the export's row parser, then the <see cref="CsvRowMapper"/>. CSV and Parquet share it, so a row gives the
/// same reports whichever container it came in.
/// </summary>
/// <remarks>Not thread-safe; one instance per input file (the mapper remembers each MMSI's identity).</remarks>
internal sealed class TabularAisRows
{
    private readonly ICsvRowParser _parser;
    private readonly string _file;
    private readonly InputFilter? _filter;
    private readonly CsvRowMapper _mapper = new();

    private TabularAisRows(ICsvRowParser parser, string file, InputFilter? filter)
    {
        _parser = parser;
        _file = file;
        _filter = filter is { IsEmpty: false } ? filter : null;
    }

    /// <summary>The reports of the last row converted (valid until the next one).</summary>
    public List<AisReport> Reports { get; } = new(4);

    /// <summary>
    /// A converter for the columns of <paramref name="header"/> in <paramref name="format"/>, or null with the
    /// <c>bad_header</c> reject (at <paramref name="line"/>) naming the missing required column. Rows whose position
    /// report <paramref name="filter"/> leaves out give that report alone: their identity is neither remembered nor
    /// reported, so the first row kept carries it, as in a file filtered beforehand. The caller still applies the filter
    /// (and counts what it leaves out).
    /// </summary>
    public static TabularAisRows? TryCreate(CsvHeader header, AisInputFormat format, string file, long line, out InputReject? badHeader, InputFilter? filter = null)
    {
        if (!format.IsCsv())
        {
            throw new ArgumentOutOfRangeException(nameof(format), format, "not a CSV format");
        }

        ICsvRowParser? parser = format == AisInputFormat.CsvDma
            ? DmaRowParser.TryCreate(header, out var missing)
            : MarineCadastreRowParser.TryCreate(header, out missing);
        badHeader = parser is null
            ? new InputReject(file, line, CsvRejectReasons.ToLabel(CsvRejectReason.BadHeader), missing, $"no '{missing}' column for {format.ToName()}; file skipped")
            : null;
        return parser is null ? null : new TabularAisRows(parser, file, filter);
    }

    /// <summary>Converts one row: null with the reports in <see cref="Reports"/>, or the reject saying why the row was skipped.</summary>
    public InputReject? Convert(CsvFields fields, long line)
    {
        Reports.Clear();
        var row = default(CsvRow);
        if (!_parser.TryParse(fields, ref row, out var error))
        {
            return Reject(_file, line, error);
        }

        var position = CsvRowMapper.Position(row, line);
        if (_filter is not null && !_filter.Keeps(position))
        {
            Reports.Add(position);
            return null;
        }

        _mapper.Map(row, line, Reports);
        return null;
    }

    /// <summary>The reject of a row that failed, labelled with its reason.</summary>
    public static InputReject Reject(string file, long line, CsvRowError error) =>
        new(file, line, CsvRejectReasons.ToLabel(error.Reason), error.Field, error.Detail);
}
