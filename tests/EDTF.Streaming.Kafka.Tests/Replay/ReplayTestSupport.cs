using System.Text;
using EDTF.Streaming.Kafka.Replay;

namespace EDTF.Streaming.Kafka.Tests.Replay;

/// <summary>A sink that keeps what it is sent.</summary>
internal sealed class CollectingSink : IReplaySink
{
    private readonly List<ReplayRecord> _records = [];

    public IReadOnlyList<ReplayRecord> Records
    {
        get
        {
            lock (_records)
            {
                return [.. _records];
            }
        }
    }

    public int Flushes { get; private set; }

    public void Send(in ReplayRecord record)
    {
        lock (_records)
        {
            _records.Add(record);
        }
    }

    public void Flush(TimeSpan timeout) => Flushes++;
}

/// <summary>Test data for replay tests.</summary>
internal static class Some
{
    public const string MarineCadastreHeader =
        "MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,VesselName,IMO,CallSign,VesselType,Status,Length,Width,Draft,Cargo,TransceiverClass";

    public static ReplayRecord Record(int mmsi, long? timeMs, string file = "f", long line = 1) =>
        new(mmsi, timeMs, Encoding.UTF8.GetBytes($"{mmsi}@{timeMs}"), null, file, line);

    /// <summary>A MarineCadastre row of a vessel without identity fields (one position report).</summary>
    public static string Row(int mmsi, DateTime utc) =>
        $"{mmsi},{utc:yyyy-MM-dd'T'HH:mm:ss},30,-90,1,2,3,,,,,,,,,,A";

    public static long Ms(DateTime utc) => new DateTimeOffset(utc, TimeSpan.Zero).ToUnixTimeMilliseconds();

    public static string WriteCsv(string folder, string name, IEnumerable<string> rows)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, MarineCadastreHeader + "\n" + string.Join("\n", rows) + "\n");
        return path;
    }

    public static string TempFolder() => Path.Combine(Path.GetTempPath(), "edtf-replay-" + Guid.NewGuid().ToString("N"));
}
