namespace EDTF.Streaming.Ais.Formats;

/// <summary>Reads a MarineCadastre or DMA CSV file as AIS reports (see docs/formats.md), rejecting bad rows with line, field and reason.</summary>
public static class CsvAisReader
{
    /// <summary>Reads a CSV file (gzip by extension) in file order.</summary>
    public static IEnumerable<AisInputItem> Read(string path, AisInputFormat format, InputProgress? progress = null)
    {
        using var reader = InputFiles.OpenText(path, progress);
        foreach (var item in Read(reader, format, path))
        {
            yield return item;
        }
    }

    /// <summary>Reads CSV text in order; <paramref name="file"/> names it in rejects. Line numbers are 1-based, the header being line 1.</summary>
    public static IEnumerable<AisInputItem> Read(TextReader reader, AisInputFormat format, string file)
    {
        if (!format.IsCsv())
        {
            throw new ArgumentOutOfRangeException(nameof(format), format, "not a CSV format");
        }

        var fields = new CsvFields();
        long lineNumber = 0;
        string? line;
        do
        {
            line = reader.ReadLine();
            lineNumber++;
        }
        while (line is not null && string.IsNullOrWhiteSpace(line));

        if (line is null)
        {
            yield break;
        }

        var parser = CreateParser(fields, line, format, out var columns, out var missing);
        if (parser is null)
        {
            yield return AisInputItem.FromReject(new InputReject(
                file, lineNumber, CsvRejectReasons.ToLabel(CsvRejectReason.BadHeader), missing, $"no '{missing}' column for {format.ToName()}; file skipped"));
            yield break;
        }

        // Entries of a zip are read one after another: a later entry's header line, the same as the first, is no row.
        var headerLine = line;
        var mapper = new CsvRowMapper();
        var reports = new List<AisReport>(4);
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line) || string.Equals(line, headerLine, StringComparison.Ordinal))
            {
                continue;
            }

            if (!fields.Split(line) || fields.Count != columns)
            {
                var detail = fields.Count != columns ? $"{fields.Count} fields, header has {columns}" : "unbalanced quotes";
                yield return Reject(file, lineNumber, new CsvRowError(CsvRejectReason.Unparseable, "(row)", detail));
                continue;
            }

            var row = default(CsvRow);
            if (!parser.TryParse(fields, ref row, out var error))
            {
                yield return Reject(file, lineNumber, error);
                continue;
            }

            reports.Clear();
            mapper.Map(row, lineNumber, reports);
            foreach (var report in reports)
            {
                yield return AisInputItem.FromReport(file, report);
            }
        }
    }

    private static ICsvRowParser? CreateParser(CsvFields fields, string headerLine, AisInputFormat format, out int columns, out string missing)
    {
        fields.Split(headerLine);
        var header = new CsvHeader(fields);
        columns = header.Count;
        return format == AisInputFormat.CsvDma
            ? DmaRowParser.TryCreate(header, out missing)
            : MarineCadastreRowParser.TryCreate(header, out missing);
    }

    private static AisInputItem Reject(string file, long line, CsvRowError error) =>
        AisInputItem.FromReject(new InputReject(file, line, CsvRejectReasons.ToLabel(error.Reason), error.Field, error.Detail));
}
