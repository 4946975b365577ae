using EDTF.Streaming.Ais;

namespace EDTF.Streaming.Simulation.Tests;

/// <summary>The simulated NMEA read by the product decoder: everything decodes except the injected noise, and agrees with the CSV.</summary>
[Collection(DemoSimulationCollection.Name)]
public sealed class SimulatedTrafficDecodeTests(DemoSimulationFixture demo)
{
    [Fact]
    public void Decode_DemoNmea_OnlyInjectedNoiseRejectedAndPositionsMatchTheCsv()
    {
        var sink = new Sink();
        var decoder = new NmeaDecoder();
        NmeaFileReader.Decode(demo.NmeaPath, decoder, sink);
        decoder.Flush(sink);
        var s = demo.Truth.Statistics;

        var corrupted = s.BadChecksum + s.Garbled;
        sink.Rejects.Count.Should().BeGreaterThanOrEqualTo((int)corrupted / 2).And.BeLessThanOrEqualTo((int)(corrupted * 2),
            "a corrupted first fragment of a type 5 can also orphan its second");
        sink.Rejects.Should().OnlyContain(r => r.Reason != RejectReason.BadTagBlock, "tag blocks are never corrupted");
        var positions = sink.Reports.Where(r => r.MessageType is 1 or 3).ToList();
        positions.Count.Should().BeInRange((int)(s.PositionReports - corrupted), (int)(s.PositionReports + s.Duplicates));
        sink.Reports.Count(r => r.MessageType == 5).Should().BeInRange((int)(s.StaticReports - corrupted), (int)(s.StaticReports + s.Duplicates));
        sink.Reports.Should().OnlyContain(r => r.EventTimeMs != null);

        var csv = demo.Rows.ToLookup(r => (r.Mmsi, r.TimeMs / 1000));
        var matched = 0;
        foreach (var p in positions)
        {
            var row = csv[(p.Mmsi, p.EventTimeMs!.Value / 1000)].FirstOrDefault();
            if (row is null)
            {
                continue;
            }

            matched++;
            p.Latitude!.Value.Should().BeApproximately(row.Lat, 2e-5);
            p.Longitude!.Value.Should().BeApproximately(row.Lon, 2e-5);
            p.SpeedKnots!.Value.Should().BeApproximately(row.SpeedKnots, 0.051);
            p.NavStatus.Should().Be(row.Status);
        }

        matched.Should().BeGreaterThan(positions.Count * 9 / 10);
    }

    private sealed class Sink : IAisReportSink
    {
        public List<AisReport> Reports { get; } = [];

        public List<DecodeReject> Rejects { get; } = [];

        public void OnReport(in AisReport report) => Reports.Add(report);

        public void OnReject(in DecodeReject reject) => Rejects.Add(reject);
    }
}
