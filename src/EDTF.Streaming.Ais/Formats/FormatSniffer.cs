namespace EDTF.Streaming.Ais.Formats;

/// <summary>Tells NMEA, MarineCadastre CSV and DMA CSV apart by a file's first non-empty line.</summary>
public static class FormatSniffer
{
    /// <summary>
    /// The format of a file (packed or not); <see cref="AisInputFormat.Nmea"/> when the first line is no known CSV header.
    /// A Parquet file is told by its column names (<see cref="ParquetAisReader.SniffFormat"/>).
    /// </summary>
    public static AisInputFormat Sniff(string path)
    {
        if (InputFiles.IsParquet(path))
        {
            return ParquetAisReader.SniffFormat(path);
        }

        using var reader = InputFiles.OpenText(path);
        for (var i = 0; i < 100 && reader.ReadLine() is { } line; i++)
        {
            if (!string.IsNullOrWhiteSpace(line))
            {
                return SniffLine(line);
            }
        }

        return AisInputFormat.Nmea;
    }

    /// <summary>The format that a first line announces.</summary>
    public static AisInputFormat SniffLine(string firstLine)
    {
        var line = firstLine.TrimStart('\uFEFF', ' ', '\t');
        if (line.StartsWith('#') || line.Contains("Type of mobile", StringComparison.OrdinalIgnoreCase))
        {
            if (line.Contains("Timestamp", StringComparison.OrdinalIgnoreCase) && line.Contains("MMSI", StringComparison.OrdinalIgnoreCase))
            {
                return AisInputFormat.CsvDma;
            }
        }

        if (line.Contains("BaseDateTime", StringComparison.OrdinalIgnoreCase) && line.Contains("MMSI", StringComparison.OrdinalIgnoreCase))
        {
            return AisInputFormat.CsvMarineCadastre;
        }

        return AisInputFormat.Nmea;
    }

    /// <summary>Resolves <see cref="AisInputFormat.Auto"/> for one file; other formats are returned as given.</summary>
    public static AisInputFormat Resolve(string path, AisInputFormat requested) =>
        requested == AisInputFormat.Auto ? Sniff(path) : requested;
}
