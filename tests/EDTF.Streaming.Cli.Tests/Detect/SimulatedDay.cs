using System.Globalization;
using System.IO.Compression;
using System.Text;
using EDTF.Streaming.Tests;

namespace EDTF.Streaming.Cli.Tests.Detect;

/// <summary>
/// The demo scenario simulated once (10 hours, 45 vessels, alerts of every type) as MarineCadastre CSV, and the same
/// rows as DMA CSV, written by the tests themselves in every form <c>detect</c> and <c>replay</c> read: plain, zip, zstd, Parquet.
/// </summary>
internal static class SimulatedDay
{
    private static readonly Lazy<Task<string>> MarineCadastreText = new(SimulateAsync);

    private static readonly string[] NavStatusWords =
    [
        "Under way using engine", "At anchor", "Not under command", "Restricted maneuverability", "Constrained by her draught", "Moored",
        "Aground", "Engaged in fishing", "Under way sailing", "Reserved for future amendment [HSC]", "Reserved for future amendment [WIG]",
        "Power-driven vessel towing astern", "Power-driven vessel pushing ahead or towing alongside", "Reserved for future use", "AIS-SART is active", "Unknown value",
    ];

    /// <summary>The simulated day as MarineCadastre CSV text (header and rows, <c>\n</c> line ends).</summary>
    public static Task<string> MarineCadastreAsync() => MarineCadastreText.Value;

    /// <summary>The same rows in the DMA layout (the same values, DMA's words for status, ship type and cargo category).</summary>
    public static async Task<string> DmaAsync()
    {
        var lines = (await MarineCadastreAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var text = new StringBuilder("# Timestamp,Type of mobile,MMSI,Latitude,Longitude,Navigational status,ROT,SOG,COG,Heading,IMO,Callsign,Name,Ship type,Cargo type,Width,Length,Type of position fixing device,Draught,Destination,ETA,Data source type,A,B,C,D\n");
        foreach (var line in lines.Skip(1))
        {
            // MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,VesselName,IMO,CallSign,VesselType,Status,Length,Width,Draft,Cargo,TransceiverClass
            var f = line.Split(',');
            var time = DateTime.ParseExact(f[1], "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture).ToString("dd/MM/yyyy HH:mm:ss", CultureInfo.InvariantCulture);
            var status = int.TryParse(f[11], CultureInfo.InvariantCulture, out var s) && s is >= 0 and <= 15 ? NavStatusWords[s] : "Unknown value";
            var (shipType, cargo) = DmaShipType(f[10]);
            text.AppendJoin(',', time, "Class " + f[16], f[0], f[2], f[3], status, "", f[4], f[5], f[6], f[8].Replace("IMO", "", StringComparison.Ordinal), f[9], f[7],
                shipType, cargo, f[13], f[12], "GPS", f[14], "", "", "AIS", "", "", "", "").Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Writes <paramref name="text"/> as <paramref name="form"/> under <paramref name="dir"/>; the path written.</summary>
    public static string Write(string dir, string text, string form)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var path = Path.Combine(dir, form switch
        {
            "plain" => "day.csv",
            "zip" => "day.zip",
            "zstd" => "day.csv.zst",
            "parquet-typed" => "day.parquet",
            "parquet-strings" => "day-strings.parquet",
            "parquet-named-csv" => "parquet-day.csv",
            _ => throw new ArgumentOutOfRangeException(nameof(form), form, null),
        });
        switch (form)
        {
            case "zip":
                Zip(path, ("day.csv", bytes));
                break;
            case "zstd":
                Zstd(path, bytes);
                break;
            case "parquet-typed" or "parquet-named-csv":
                CsvParquet.Write(text, path, ParquetTyping.Typed, rowGroupRows: 4096);
                break;
            case "parquet-strings":
                CsvParquet.Write(text, path, ParquetTyping.Strings, rowGroupRows: 4096);
                break;
            default:
                File.WriteAllBytes(path, bytes);
                break;
        }

        return path;
    }

    /// <summary>A zip of these entries, stored in the order given.</summary>
    public static string Zip(string path, params (string Entry, byte[] Bytes)[] entries)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (entry, bytes) in entries)
        {
            using var stream = zip.CreateEntry(entry, CompressionLevel.Fastest).Open();
            stream.Write(bytes);
        }

        return path;
    }

    /// <summary>A zstd file as the <c>zstd</c> command writes it (with a content checksum, so that corruption is found).</summary>
    public static string Zstd(string path, byte[] bytes)
    {
        using var file = File.Create(path);
        using var zstd = new ZstdSharp.CompressionStream(file);
        zstd.SetParameter(ZstdSharp.Unsafe.ZSTD_cParameter.ZSTD_c_checksumFlag, 1);
        zstd.Write(bytes);
        return path;
    }

    /// <summary>Flips bytes from <paramref name="at"/> (a fraction of the file) on, as a damaged download would.</summary>
    public static void Damage(string path, double at)
    {
        var bytes = File.ReadAllBytes(path);
        var start = (int)(bytes.Length * at);
        for (var i = start; i < start + 64; i++)
        {
            bytes[i] ^= 0x5A;
        }

        File.WriteAllBytes(path, bytes);
    }

    private static (string ShipType, string Cargo) DmaShipType(string code) =>
        int.TryParse(code, CultureInfo.InvariantCulture, out var c)
            ? (c / 10) switch
            {
                7 => ("Cargo", Category(c % 10)),
                8 => ("Tanker", Category(c % 10)),
                6 => ("Passenger", Category(c % 10)),
                3 when c == 30 => ("Fishing", ""),
                _ => ("Undefined", ""),
            }
            : ("Undefined", "");

    private static string Category(int digit) => digit switch
    {
        1 => "Category X",
        2 => "Category Y",
        3 => "Category Z",
        4 => "Category OS",
        _ => "",
    };

    private static async Task<string> SimulateAsync()
    {
        var dir = Directory.CreateTempSubdirectory("edtf-simulated-day-").FullName;
        try
        {
            var scenario = TestPaths.InRepo("config/scenarios/demo.json");
            var result = await Cli.RunAsync("simulate", "--scenario", scenario, "--output", dir, "--format", "csv");
            result.ExitCode.Should().Be(0, result.Error);
            return await File.ReadAllTextAsync(Path.Combine(dir, "ais.csv"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
