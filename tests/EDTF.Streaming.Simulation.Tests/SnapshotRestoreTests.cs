using EDTF.Streaming.Ais;
using EDTF.Streaming.Detection;
using EDTF.Streaming.Tests;
using Xunit.Abstractions;

namespace EDTF.Streaming.Simulation.Tests;

/// <summary>
/// A pipeline snapshotted part-way through a simulated scenario and restored into a fresh pipeline goes on exactly as the uninterrupted
/// one: the same alert updates (ids, statuses, content), cut while transfers, dark periods and port calls are open and reports wait in
/// the reorder buffer, over three partitions as the Kafka driver feeds it.
/// </summary>
public sealed class SnapshotRestoreTests(ITestOutputHelper output)
{
    private const int Partitions = 3;

    public static TheoryData<string, int, bool> Scenarios => new()
    {
        { "demo.json", 0, true },
        { "default.json", 40, true },
        { "default.json", 40, false },
    };

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Restore_CutAnywhereInScenario_SameAlertUpdatesAsUninterruptedRun(string scenarioFile, int backgroundVessels, bool scopeAll)
    {
        var reports = Simulate(scenarioFile, backgroundVessels);
        var options = new DetectionOptions { Scope = scopeAll ? "all" : "interest" };
        var whole = Run(reports, options, cuts: []);
        whole.Updates.Should().NotBeEmpty();

        var (cuts, openAtCut) = CutPoints(whole, reports.Count);
        openAtCut.Should().Contain(["DarkPeriod", "ShipToShipTransfer", "PortCall"], "a cut falls inside an open alert of each type");
        var cut = Run(reports, options, cuts);

        output.WriteLine($"{scenarioFile}: {reports.Count} reports, {whole.Updates.Count} updates, cuts at {string.Join(", ", cuts)}; " +
            $"snapshots {string.Join(", ", cut.SnapshotBytes)} bytes, reports buffered at the cuts {string.Join(", ", cut.BufferedAtCuts)}");
        cut.BufferedAtCuts.Should().OnlyContain(n => n > 0, "every cut leaves reports waiting in the reorder buffer");
        var first = Enumerable.Range(0, Math.Min(cut.Updates.Count, whole.Updates.Count)).FirstOrDefault(i => cut.Updates[i].Json != whole.Updates[i].Json, -1);
        (first < 0 ? "" : $"first difference at update {first}:\n  uninterrupted {whole.Updates[first].Json}\n  restored      {cut.Updates[first].Json}")
            .Should().BeEmpty();
        cut.Updates.Select(u => u.Json).Should().Equal(whole.Updates.Select(u => u.Json));
    }

    /// <summary>Cuts at fixed fractions, plus one inside the life of the first alert of each type (open, not yet closed, at the cut).</summary>
    private static (List<int> Cuts, List<string> OpenAtCut) CutPoints(RunResult whole, int count)
    {
        var openAtCut = new List<string>();
        var cuts = new SortedSet<int> { count / 5, count / 2, count * 4 / 5 };
        foreach (var type in new[] { "DarkPeriod", "ShipToShipTransfer", "PortCall", "ShipToShipTransferOneSideDark" })
        {
            var life = whole.Updates.Where(u => u.Json.Contains($"\"type\":\"{type}\"", StringComparison.Ordinal))
                .GroupBy(u => u.AlertId)
                .Select(g => (Open: g.First().AtReport, Closed: g.FirstOrDefault(u => u.Json.Contains("\"status\":\"closed\"", StringComparison.Ordinal))?.AtReport))
                .FirstOrDefault(l => l.Closed is { } c && c - l.Open > 2);
            if (life.Closed is { } closed)
            {
                cuts.Add((life.Open + closed) / 2);
                openAtCut.Add(type);
            }
        }

        return ([.. cuts], openAtCut);
    }

    private static RunResult Run(List<(AisReport Report, int Partition)> reports, DetectionOptions options, IReadOnlyCollection<int> cuts)
    {
        var result = new RunResult();
        var watchlist = DefaultConfig.LoadWatchlist(TestPaths.InRepo("config/watchlist.csv"));
        var ports = DefaultConfig.LoadPorts(TestPaths.InRepo("config/ports.geojson"));
        var at = 0;
        void Emit(AlertUpdate a) => result.Updates.Add(new Update(a.AlertId, at, AlertJson.Serialize(a)));
        var pipeline = new DetectionPipeline(options, watchlist, ports, Emit);
        for (at = 0; at < reports.Count; at++)
        {
            if (cuts.Contains(at))
            {
                result.BufferedAtCuts.Add(pipeline.Statistics.BufferedReports);
                using var snapshot = new MemoryStream();
                pipeline.WriteSnapshot(snapshot);
                result.SnapshotBytes.Add(snapshot.Length);
                snapshot.Position = 0;
                pipeline = DetectionPipeline.Restore(snapshot, options, watchlist, ports, Emit);
            }

            var (report, partition) = reports[at];
            pipeline.Add(report, AlertSource.FromKafka("ais.raw", partition, at), partition);
        }

        pipeline.Complete();
        return result;
    }

    /// <summary>The scenario's NMEA decoded, each report on the partition its MMSI keys to.</summary>
    private static List<(AisReport Report, int Partition)> Simulate(string scenarioFile, int backgroundVessels)
    {
        var full = ScenarioLoader.Load(TestPaths.InRepo("config/scenarios/" + scenarioFile));
        var scenario = backgroundVessels == 0 ? full : LightScenario.Of(full, "-light", backgroundVessels);

        var dir = Path.Combine(Path.GetTempPath(), "edtf-snapshot-" + Guid.NewGuid().ToString("N"));
        try
        {
            ScenarioSimulator.Run(scenario, dir, null, SimulationFormats.Nmea);
            var sink = new Collect();
            var decoder = new NmeaDecoder();
            NmeaFileReader.Decode(Path.Combine(dir, ScenarioSimulator.NmeaFileName), decoder, sink);
            decoder.Flush(sink);
            return sink.Reports;
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    private sealed record Update(string AlertId, int AtReport, string Json);

    private sealed class RunResult
    {
        public List<Update> Updates { get; } = [];

        public List<int> BufferedAtCuts { get; } = [];

        public List<long> SnapshotBytes { get; } = [];
    }

    private sealed class Collect : IAisReportSink
    {
        public List<(AisReport, int)> Reports { get; } = [];

        public void OnReport(in AisReport report) => Reports.Add((report, (int)((uint)report.Mmsi % Partitions)));

        public void OnReject(in DecodeReject reject)
        {
        }
    }
}
