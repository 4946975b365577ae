using System.Text;
using EDTF.Streaming.Ais;
using EDTF.Streaming.Detection;
using EDTF.Streaming.Tests;

namespace EDTF.Streaming.Cli.Tests.Streaming;

/// <summary>One input record: the lines of one AIS message (or one noise line) and the MMSI that sent it.</summary>
internal sealed record ScenarioRecord(string Key, string Value);

/// <summary>What identifies an alert update across drivers.</summary>
internal sealed record AlertKey(string AlertId, string Status, string Type, int Mmsi, DateTimeOffset Start, DateTimeOffset? End)
{
    public static AlertKey Of(AlertUpdate a) => new(a.AlertId, a.Status, a.Type, a.Vessel.Mmsi, a.Start, a.End);
}

/// <summary>The demo scenario simulated once, cut into records, with the alerts the pipeline gives on it offline.</summary>
public sealed class ScenarioData : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "edtf-service-tests-" + Guid.NewGuid().ToString("N"));

    public ScenarioData()
        : this(TestPaths.InRepo("config/scenarios/demo.json"))
    {
    }

    /// <summary>Simulates the scenario file <paramref name="scenarioPath"/> instead of the demo.</summary>
    internal ScenarioData(string scenarioPath)
    {
        var code = Cli.RunAsync("simulate", "--scenario", scenarioPath, "--output", _dir)
            .GetAwaiter().GetResult().ExitCode;
        if (code != 0)
        {
            throw new InvalidOperationException("edtf simulate failed: " + code);
        }

        NmeaPath = Path.Combine(_dir, "ais.nmea");
        var lines = File.ReadAllLines(NmeaPath);
        Lines = lines;
        Records = CutIntoRecords(lines);
        (Expected, ExpectedDeadLetters, Decoder) = RunOffline(Records);
    }

    /// <summary>The simulated file's lines.</summary>
    internal IReadOnlyList<string> Lines { get; }

    public string NmeaPath { get; }

    /// <summary>Records in file order: one per AIS message (a multi-sentence message stays in one record), keyed by MMSI.</summary>
    internal IReadOnlyList<ScenarioRecord> Records { get; }

    /// <summary>Alert updates the pipeline emits offline on the same lines, one partition, without end-of-input (a stream never ends).</summary>
    internal IReadOnlyList<AlertKey> Expected { get; }

    /// <summary>Records whose own content the decoder rejects.</summary>
    internal int ExpectedDeadLetters { get; }

    /// <summary>The offline decoder's statistics.</summary>
    internal DecoderStatistics Decoder { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }

    /// <summary>kcat input: records separated by 0x1E, each <c>key TAB value</c> when keyed.</summary>
    internal static string KcatInput(IEnumerable<ScenarioRecord> records, bool keyed)
    {
        var sb = new StringBuilder();
        foreach (var r in records)
        {
            if (keyed)
            {
                sb.Append(r.Key).Append('\t');
            }

            sb.Append(r.Value).Append('\u001e');
        }

        return sb.ToString();
    }

    private static List<ScenarioRecord> CutIntoRecords(string[] lines)
    {
        // Decode once to learn each message's MMSI; a fragment 2..n joins the record of the fragment before it.
        var decoder = new NmeaDecoder();
        var sink = new Collecting();
        for (var i = 0; i < lines.Length; i++)
        {
            decoder.DecodeLine(Encoding.UTF8.GetBytes(lines[i]), i + 1, null, sink);
        }

        var mmsiByLine = sink.Reports.ToDictionary(r => r.Line, r => r.Mmsi);
        var records = new List<ScenarioRecord>();
        var current = new List<string>();
        long firstLine = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            if (current.Count > 0 && !IsContinuation(lines[i]))
            {
                records.Add(Make(current, firstLine, mmsiByLine));
                current.Clear();
            }

            if (current.Count == 0)
            {
                firstLine = i + 1;
            }

            current.Add(lines[i]);
        }

        if (current.Count > 0)
        {
            records.Add(Make(current, firstLine, mmsiByLine));
        }

        return records;
    }

    private static ScenarioRecord Make(List<string> lines, long firstLine, Dictionary<long, int> mmsiByLine) =>
        new(mmsiByLine.TryGetValue(firstLine, out var mmsi) ? mmsi.ToString(System.Globalization.CultureInfo.InvariantCulture) : "noise", string.Join('\n', lines));

    private static bool IsContinuation(string line)
    {
        var at = line.IndexOf("!AIVD", StringComparison.Ordinal);
        if (at < 0)
        {
            return false;
        }

        var fields = line[at..].Split(',');
        return fields.Length > 2 && int.TryParse(fields[2], out var n) && n > 1;
    }

    /// <summary>The alert updates the pipeline gives offline on <paramref name="records"/> (no end of input).</summary>
    internal static IReadOnlyList<AlertKey> OfflineAlerts(IEnumerable<ScenarioRecord> records) => RunOffline(records.ToList()).Item1;

    /// <summary>The same updates in full (confidence, evidence), for what <see cref="AlertKey"/> leaves out.</summary>
    internal static IReadOnlyList<AlertUpdate> OfflineUpdates(IEnumerable<ScenarioRecord> records)
    {
        var updates = new List<AlertUpdate>();
        RunOffline(records.ToList(), onAlert: updates.Add);
        return updates;
    }

    /// <summary>The alert updates the pipeline gives offline on <paramref name="records"/> when it never sees reports of <paramref name="messageType"/>.</summary>
    internal static IReadOnlyList<AlertKey> OfflineAlertsWithout(IEnumerable<ScenarioRecord> records, int messageType) =>
        RunOffline(records.ToList(), r => r.MessageType != messageType).Item1;

    /// <summary>Every report the offline decoder gives on <paramref name="records"/>.</summary>
    internal static IReadOnlyList<AisReport> OfflineReports(IEnumerable<ScenarioRecord> records)
    {
        var reports = new List<AisReport>();
        RunOffline(records.ToList(), r =>
        {
            reports.Add(r);
            return true;
        });
        return reports;
    }

    private static (List<AlertKey>, int, DecoderStatistics) RunOffline(
        IReadOnlyList<ScenarioRecord> records, Func<AisReport, bool>? keep = null, Action<AlertUpdate>? onAlert = null)
    {
        var alerts = new List<AlertKey>();
        var watchlist = DefaultConfig.LoadWatchlist(TestPaths.InRepo("config/watchlist.csv"));
        var ports = DefaultConfig.LoadPorts(TestPaths.InRepo("config/ports.geojson"), new PortCallOptions { WorldPortsPath = TestPaths.InRepo("config/ports-world.csv") });
        var pipeline = new DetectionPipeline(new DetectionOptions(), watchlist, ports, a =>
        {
            alerts.Add(AlertKey.Of(a));
            onAlert?.Invoke(a);
        });
        var decoder = new NmeaDecoder();
        var sink = new Collecting();
        long line = 0;
        var deadLetters = 0;
        foreach (var record in records)
        {
            sink.Reports.Clear();
            sink.Rejects.Clear();
            foreach (var l in record.Value.Split('\n'))
            {
                decoder.DecodeLine(Encoding.UTF8.GetBytes(l), ++line, null, sink);
            }

            if (sink.Rejects.Any(r => r.Reason is not (RejectReason.OrphanFragment or RejectReason.ExpiredFragments)))
            {
                deadLetters++;
            }

            foreach (var r in sink.Reports)
            {
                if (keep is not null && !keep(r))
                {
                    continue;
                }

                pipeline.Add(r, AlertSource.FromFile("ais.nmea", r.Line));
            }
        }

        return (alerts, deadLetters, decoder.Statistics);
    }

    private sealed class Collecting : IAisReportSink
    {
        public List<AisReport> Reports { get; } = [];

        public List<DecodeReject> Rejects { get; } = [];

        public void OnReport(in AisReport report) => Reports.Add(report);

        public void OnReject(in DecodeReject reject) => Rejects.Add(reject);
    }
}
