using EDTF.Streaming.Ais;
using EDTF.Streaming.Detection.Tests.Support;
using Xunit.Abstractions;
using static EDTF.Streaming.Detection.Tests.Support.Some;

namespace EDTF.Streaming.Detection.Tests.Pipeline;

[Collection(MemoryMeasurement.Name)]
public class MemoryTests(ITestOutputHelper output)
{
    [Fact]
    public void Pipeline_100kVesselsWithIdentity_AtMostOneKilobytePerVessel()
    {
        const int vessels = 100_000;
        var source = Source();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var p = new DetectionPipeline(new DetectionOptions { AllowedLatenessMinutes = 0 }, Watchlist.Empty, PortAreas.Empty, _ => { });
        for (var round = 0; round < 2; round++)
        {
            for (var i = 0; i < vessels; i++)
            {
                var sog = i % 3 == 0 ? 0.5 : 10;
                p.Add(Position(412_000_000 + i, T0 + (round * 60_000) + i, 30 + (i % 1000 * 0.01), 120 + (i / 1000 * 0.05), sog), source);
                if (round == 0)
                {
                    p.Add(new AisReport { MessageType = 5, Mmsi = 412_000_000 + i, EventTimeMs = T0 + i, Imo = 9_000_000 + i, Name = "SHIP " + i, Callsign = "C" + i, ShipType = 70, DraughtMeters = 7.5, Destination = "BUSAN" }, source);
                }
            }
        }

        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(p);
        var perVessel = (after - before) / (double)p.Statistics.VesselsTracked;
        output.WriteLine($"bytes per tracked vessel ({vessels:N0} vessels): {perVessel:F0}");

        p.Statistics.VesselsTracked.Should().Be(vessels);
        perVessel.Should().BeLessThanOrEqualTo(1024);
    }
}
