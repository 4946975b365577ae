using EDTF.Streaming.Ais;
using EDTF.Streaming.Ais.Formats;
using EDTF.Streaming.Detection;
using EDTF.Streaming.Tests;

namespace EDTF.Streaming.Simulation.Tests;

/// <summary>Runs the simulator's output through the detection pipeline with the repository's watch list and port areas.</summary>
internal static class SimulatedDetection
{
    /// <summary>The alert updates for <c>ais.nmea</c> in <paramref name="directory"/>, or <c>ais.csv</c> when <paramref name="csv"/>.</summary>
    public static List<ScoredAlert> Detect(string directory, bool scopeAll, bool csv = false)
    {
        var alerts = new List<ScoredAlert>();
        var options = new DetectionOptions { Scope = scopeAll ? "all" : "interest" };
        var watchlist = DefaultConfig.LoadWatchlist(TestPaths.InRepo("config/watchlist.csv"));
        var ports = DefaultConfig.LoadPorts(TestPaths.InRepo("config/ports.geojson"), new PortCallOptions { WorldPortsPath = TestPaths.InRepo("config/ports-world.csv") });
        var pipeline = new DetectionPipeline(options, watchlist, ports, a => alerts.Add(ScoredAlert.Parse(AlertJson.Serialize(a))));
        if (csv)
        {
            var file = Path.Combine(directory, ScenarioSimulator.CsvFileName);
            foreach (var item in AisInputReader.ReadFile(file, AisInputFormat.CsvMarineCadastre).Where(i => !i.IsReject))
            {
                pipeline.Add(item.Report, AlertSource.FromFile(file, item.Report.Line));
            }
        }
        else
        {
            var nmea = Path.Combine(directory, ScenarioSimulator.NmeaFileName);
            var decoder = new NmeaDecoder();
            var sink = new PipelineSink(pipeline, nmea);
            NmeaFileReader.Decode(nmea, decoder, sink);
            decoder.Flush(sink);
        }

        pipeline.Complete();
        return alerts;
    }

    private sealed class PipelineSink(DetectionPipeline pipeline, string file) : IAisReportSink
    {
        public void OnReport(in AisReport report) => pipeline.Add(report, AlertSource.FromFile(file, report.Line));

        public void OnReject(in DecodeReject reject)
        {
        }
    }
}
