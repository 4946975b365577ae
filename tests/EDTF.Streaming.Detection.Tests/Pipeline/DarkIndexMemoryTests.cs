using EDTF.Streaming.Detection.Tests.Support;
using Xunit.Abstractions;
using static EDTF.Streaming.Detection.Tests.Support.Some;

namespace EDTF.Streaming.Detection.Tests.Pipeline;

/// <summary>Measured alone (no other test allocating on another thread meanwhile).</summary>
[Collection(MemoryMeasurement.Name)]
public class DarkIndexMemoryTests(ITestOutputHelper output)
{
    [Fact]
    public void DarkDarkIndex_50kVesselsDark_AtMost200BytesEach()
    {
        const int vessels = 50_000;
        var withIndex = BytesRetained(vessels, darkDark: true);
        var without = BytesRetained(vessels, darkDark: false);

        var perVessel = (withIndex - without) / (double)vessels;
        output.WriteLine($"dark-dark index: {perVessel:F0} bytes per dark vessel ({vessels:N0} dark vessels)");
        perVessel.Should().BeLessThanOrEqualTo(200);
    }

    /// <summary>Memory held by a pipeline whose vessels all reported once and then went dark (a clock vessel moves event time 3 h on).</summary>
    private static long BytesRetained(int vessels, bool darkDark)
    {
        var source = Source();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var options = new DetectionOptions { AllowedLatenessMinutes = 0, Transfer = { DarkDarkEnabled = darkDark } };
        var p = new DetectionPipeline(options, Watchlist.Empty, PortAreas.Empty, _ => { });
        for (var i = 0; i < vessels; i++)
        {
            p.Add(Position(412_000_000 + i, T0 + i, 30 + (i % 500 * 0.02), 140 + (i / 500 * 0.02)), source);
        }

        p.Add(Position(273_000_000, T0 + Hours(3), 10, 10), source);
        p.Complete();
        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(p);
        return after - before;
    }
}
