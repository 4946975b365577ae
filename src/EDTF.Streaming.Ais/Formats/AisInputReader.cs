namespace EDTF.Streaming.Ais.Formats;

/// <summary>Reads input files of any supported format as one stream of reports and rejects, file after file, each in file order.</summary>
public static class AisInputReader
{
    /// <summary>
    /// Expands <paramref name="paths"/> (directories, <c>.gz</c>), resolves <see cref="AisInputFormat.Auto"/> per file and reads them in turn.
    /// </summary>
    /// <exception cref="FileNotFoundException">A path does not exist.</exception>
    public static IEnumerable<AisInputItem> Read(IEnumerable<string> paths, AisInputFormat format)
    {
        var files = InputFiles.Expand(paths);
        return files.SelectMany(file => ReadFile(file, FormatSniffer.Resolve(file, format)));
    }

    /// <summary>
    /// Reads one file in a known format (not <see cref="AisInputFormat.Auto"/>); the CSV formats also read Parquet files
    /// with the same column names (told by content). For CSV and Parquet, <paramref name="filter"/> keeps the identity of
    /// left-out rows from counting (see <see cref="CsvAisReader.Read(TextReader, AisInputFormat, string, InputProgress?, InputFilter?)"/>);
    /// the caller applies the filter itself.
    /// </summary>
    public static IEnumerable<AisInputItem> ReadFile(string path, AisInputFormat format, InputProgress? progress = null, InputFilter? filter = null) => format switch
    {
        AisInputFormat.CsvMarineCadastre or AisInputFormat.CsvDma when InputFiles.IsParquet(path) => ParquetAisReader.Read(path, format, progress, filter),
        AisInputFormat.CsvMarineCadastre or AisInputFormat.CsvDma => CsvAisReader.Read(path, format, progress, filter),
        AisInputFormat.Nmea => NmeaInputReader.Read(path, progress),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "resolve Auto first"),
    };
}
