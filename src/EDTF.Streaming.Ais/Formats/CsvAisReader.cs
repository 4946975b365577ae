namespace EDTF.Streaming.Ais.Formats;

/// <summary>Reads a MarineCadastre or DMA CSV file as AIS reports (see docs/formats.md), rejecting bad rows with line, field and reason.</summary>
public static class CsvAisReader
{
    /// <summary>Reads a CSV file (plain or packed) in file order.</summary>
    public static IEnumerable<AisInputItem> Read(string path, AisInputFormat format, InputProgress? progress = null, InputFilter? filter = null)
    {
        using var reader = InputFiles.OpenText(path, progress);
        foreach (var item in Read(reader, format, path, progress, filter))
        {
            yield return item;
        }
    }

    /// <summary>
    /// Reads CSV text in order; <paramref name="file"/> names it in rejects. Line numbers are 1-based, the header being line 1.
    /// Data rows are counted in <paramref name="progress"/>; rows that <paramref name="filter"/> leaves out give their position
    /// report alone (see <see cref="TabularAisRows.TryCreate"/>).
    /// </summary>
    public static IEnumerable<AisInputItem> Read(TextReader reader, AisInputFormat format, string file, InputProgress? progress = null, InputFilter? filter = null)
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

        fields.Split(line);
        var header = new CsvHeader(fields);
        var columns = header.Count;
        var rows = TabularAisRows.TryCreate(header, format, file, lineNumber, out var badHeader, filter);
        if (rows is null)
        {
            yield return AisInputItem.FromReject(badHeader!);
            yield break;
        }

        // Entries of a zip are read one after another: a later entry's header line, the same as the first, is no row.
        var headerLine = line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line) || string.Equals(line, headerLine, StringComparison.Ordinal))
            {
                continue;
            }

            progress?.AddRows(1);
            if (!fields.Split(line) || fields.Count != columns)
            {
                var detail = fields.Count != columns ? $"{fields.Count} fields, header has {columns}" : "unbalanced quotes";
                yield return AisInputItem.FromReject(TabularAisRows.Reject(file, lineNumber, new CsvRowError(CsvRejectReason.Unparseable, "(row)", detail)));
                continue;
            }

            if (rows.Convert(fields, lineNumber) is { } reject)
            {
                yield return AisInputItem.FromReject(reject);
                continue;
            }

            foreach (var report in rows.Reports)
            {
                yield return AisInputItem.FromReport(file, report);
            }
        }
    }
}
