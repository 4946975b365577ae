using System.IO.Compression;
using System.Text;
using EDTF.Streaming.Ais.Formats;

namespace EDTF.Streaming.Ais.Tests.Formats;

/// <summary>A temporary folder for files a test writes; deleted on dispose.</summary>
internal sealed class TempFiles : IDisposable
{
    public TempFiles() => Directory.CreateDirectory(Root);

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "edtf-formats-" + Guid.NewGuid().ToString("N"));

    public string Write(string name, string text)
    {
        var path = Path.Combine(Root, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (name.EndsWith(".gz", StringComparison.Ordinal))
        {
            using var gz = new GZipStream(File.Create(path), CompressionLevel.Fastest);
            gz.Write(System.Text.Encoding.UTF8.GetBytes(text));
        }
        else
        {
            File.WriteAllText(path, text);
        }

        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>Test data for the CSV formats.</summary>
internal static class SomeCsv
{
    public const string MarineCadastreHeader =
        "MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,VesselName,IMO,CallSign,VesselType,Status,Length,Width,Draft,Cargo,TransceiverClass";

    public const string DmaHeader =
        "# Timestamp,Type of mobile,MMSI,Latitude,Longitude,Navigational status,ROT,SOG,COG,Heading,IMO,Callsign,Name,Ship type,Cargo type,Width,Length,Type of position fixing device,Draught,Destination,ETA,Data source type,A,B,C,D";

    public static string MarineCadastre(params string[] rows) => MarineCadastreHeader + "\n" + string.Join("\n", rows) + "\n";

    public static string Dma(params string[] rows) => DmaHeader + "\n" + string.Join("\n", rows) + "\n";

    public static List<AisInputItem> Read(string text, AisInputFormat format) =>
        [.. CsvAisReader.Read(new StringReader(text), format, "test.csv")];

    public static long EpochMs(int year, int month, int day, int hour, int minute, int second) =>
        new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero).ToUnixTimeMilliseconds();
}
