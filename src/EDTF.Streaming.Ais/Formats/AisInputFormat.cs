namespace EDTF.Streaming.Ais.Formats;

/// <summary>The input file formats that <c>detect</c> and <c>replay</c> read.</summary>
public enum AisInputFormat
{
    /// <summary>Decide per file from its first line (see <see cref="FormatSniffer"/>).</summary>
    Auto,

    /// <summary>AIVDM/AIVDO sentences, optionally with TAG blocks or timestamps.</summary>
    Nmea,

    /// <summary>NOAA MarineCadastre CSV (<c>MMSI,BaseDateTime,LAT,LON,...</c>).</summary>
    CsvMarineCadastre,

    /// <summary>Danish Maritime Authority CSV (<c># Timestamp,Type of mobile,MMSI,...</c>).</summary>
    CsvDma,
}

/// <summary>Command-line names of <see cref="AisInputFormat"/> values.</summary>
public static class AisInputFormats
{
    /// <summary>The names accepted by <c>--format</c>, in the order they are documented.</summary>
    public static IReadOnlyList<string> Names { get; } = ["auto", "nmea", "csv-marinecadastre", "csv-dma"];

    /// <summary>Parses a <c>--format</c> value; false when it is not one of <see cref="Names"/>.</summary>
    public static bool TryParse(string? name, out AisInputFormat format)
    {
        format = name?.Trim().ToLowerInvariant() switch
        {
            "auto" or null or "" => AisInputFormat.Auto,
            "nmea" => AisInputFormat.Nmea,
            "csv-marinecadastre" => AisInputFormat.CsvMarineCadastre,
            "csv-dma" => AisInputFormat.CsvDma,
            _ => (AisInputFormat)(-1),
        };
        return Enum.IsDefined(format);
    }

    /// <summary>The command-line name of a format.</summary>
    public static string ToName(this AisInputFormat format) => format switch
    {
        AisInputFormat.Auto => "auto",
        AisInputFormat.Nmea => "nmea",
        AisInputFormat.CsvMarineCadastre => "csv-marinecadastre",
        AisInputFormat.CsvDma => "csv-dma",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    /// <summary>True for the CSV formats.</summary>
    public static bool IsCsv(this AisInputFormat format) => format is AisInputFormat.CsvMarineCadastre or AisInputFormat.CsvDma;
}
