using System.Diagnostics;
using EDTF.Streaming.Ais.Formats;
using EDTF.Streaming.Kafka.Replay;

namespace EDTF.Streaming.Benchmarks.Replay;

/// <summary>A quick A/B timing of the NMEA replay source against the bare decoder (run: <c>EDTF.Streaming.Benchmarks replay-ab FILE</c>).</summary>
internal static class ReplayThroughput
{
    public static void Run(string path)
    {
        for (var round = 0; round < 5; round++)
        {
            var sw = Stopwatch.StartNew();
            var lines = Ais.NmeaFileReader.Decode(path, new Ais.NmeaDecoder(), new NullSink());
            var decode = sw.Elapsed;
            sw.Restart();
            var context = new ReplaySourceContext(new ReplayOptions { Inputs = [path] }, new ReplayStatistics(), new InputProgress());
            long records = 0;
            foreach (var record in NmeaReplaySource.Read(path, context))
            {
                records++;
            }

            var replay = sw.Elapsed;
            Console.WriteLine($"lines {lines}: decode {lines / decode.TotalSeconds:N0} lines/s; replay source {records} records, {records / replay.TotalSeconds:N0} records/s");
        }
    }

    private sealed class NullSink : Ais.IAisReportSink
    {
        public void OnReport(in Ais.AisReport report)
        {
        }

        public void OnReject(in Ais.DecodeReject reject)
        {
        }
    }
}
