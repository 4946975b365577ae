using System.Text.Json.Nodes;
using EDTF.Streaming.Ais;
using EDTF.Streaming.Detection.Tests.Support;
using EDTF.Streaming.Tests;
using static EDTF.Streaming.Detection.Tests.Support.Some;

namespace EDTF.Streaming.Detection.Tests.Cargo;

public class CargoEstimateTests
{
    // Vostochny (RU) around 42.76 N 133.05 E; Nampo (KP) 38.716667 N 125.4 E (WPI); Dalian (CN) 38.93 N 121.65 E.
    private static readonly Lazy<PortAreas> Ports = new(() => PortAreas.Load(TestPaths.InRepo("config/ports.geojson")));

    /// <summary>A type 5 report with a hull of 183 x 32 m (A+B, C+D).</summary>
    private static AisReport Hull(int mmsi, double hours, double draught, int shipType = 80) =>
        Static(mmsi, T0 + Hours(hours), shipType: shipType, draught: draught) with { ToBow = 150, ToStern = 33, ToPort = 16, ToStarboard = 16 };

    /// <summary>Approach at 8 kn from 0.2 degrees south, stop at the berth for <paramref name="dwellH"/> hours from <paramref name="fromH"/>, leave south.</summary>
    private static IEnumerable<AisReport> Call(int mmsi, double fromH, double dwellH, double lat, double lon)
    {
        for (var i = 0; i <= 10; i++)
        {
            yield return Position(mmsi, T0 + Hours(fromH + (i * 0.1)), lat - 0.2 + (0.02 * i), lon, 8);
        }

        for (var t = fromH + 1.05; t <= fromH + 1 + dwellH; t += 0.05)
        {
            yield return Position(mmsi, T0 + Hours(t), lat, lon, 0);
        }

        for (var i = 1; i <= 10; i++)
        {
            yield return Position(mmsi, T0 + Hours(fromH + 1 + dwellH + (i * 0.1)), lat - (0.02 * i), lon, 8);
        }
    }

    private static Harness Run(params IEnumerable<AisReport>[] parts) =>
        new Harness(Waiting(), ports: Ports.Value).AddAll(parts.SelectMany(p => p).OrderBy(r => r.EventTimeMs).ThenBy(r => r.Mmsi)).Complete();

    private static JsonObject CargoOf(AlertUpdate closed) => closed.Evidence["cargo"]!.AsObject();

    private static double Number(JsonObject o, string key) => o[key]!.GetValue<double>();

    /// <summary>The options with a 24-hour wait for the draught after (the default publishes closings at once).</summary>
    private static DetectionOptions Waiting() => new() { Cargo = { WaitHours = 24 } };

    [Fact]
    public void Add_TankerLoadsAtRussianPort_LoadedOilWithBarrels()
    {
        var h = Run(Call(DprkMmsi, 0, 10, 42.76, 133.05), [Hull(DprkMmsi, 0, 6.0), Hull(DprkMmsi, 12.5, 8.0)]);

        var closed = h.OfType("PortCall").Single(a => a.Status == "closed");
        var cargo = CargoOf(closed);
        cargo["direction"]!.GetValue<string>().Should().Be("loaded", "the draught rose 2 m at Vostochny");
        cargo["commodity"]!.GetValue<string>().Should().Be("oil", "a tanker carries oil");
        (Number(cargo, "draughtBeforeM"), Number(cargo, "draughtAfterM")).Should().Be((6.0, 8.0));
        Number(cargo, "tonnes").Should().BeInRange(10_000, 10_400, "200 cm x TPC 51.0 (Cw 0.85, 183 x 32 m)");
        Number(cargo, "barrels").Should().BeApproximately(Number(cargo, "tonnes") * 7.5, 8, "refined products at 7.5 barrels per tonne");
        Number(cargo, "low").Should().BeLessThan(Number(cargo, "tonnes"));
        Number(cargo, "high").Should().BeGreaterThan(Number(cargo, "tonnes"));
        cargo["method"]!.GetValue<string>().Should().Be("draughtReportedAfter", "the static report 1.4 h after departure gave the draught after");
        closed.DetectedAt.Should().Be(DateTimeOffset.FromUnixTimeMilliseconds(T0 + Hours(12.5)), "the closed update waited for that report");
        AlertSchema.AllShouldBeValid(h.Alerts);
    }

    [Fact]
    public void Add_DprkTankerUnloadsAtNampo_UnloadedOil()
    {
        var h = Run(Call(DprkMmsi, 0, 10, 38.716667, 125.4), [Hull(DprkMmsi, 0, 9.0), Hull(DprkMmsi, 12.2, 5.5)]);

        var cargo = CargoOf(h.OfType("PortCall").Single(a => a.Status == "closed"));
        cargo["direction"]!.GetValue<string>().Should().Be("unloaded", "the draught fell 3.5 m at Nampo");
        cargo["commodity"]!.GetValue<string>().Should().Be("oil");
        Number(cargo, "tonnes").Should().BeInRange(17_500, 18_200, "350 cm x 51.0 t/cm");
        cargo["from"].Should().BeNull("from and to are for transfers only");
    }

    [Fact]
    public void Add_TransferWithDraughtChangesOnBothSides_TransferredFromGiverToReceiver()
    {
        // Sea of Japan, far from ports: together for 3 h at 0.5 kn, 100 m apart.
        var giver = Harness.Reports(OtherMmsi, T0, T0 + Hours(3), 41.2, 134.0, sog: 0.5);
        var receiver = Harness.Reports(DprkMmsi, T0 + Minutes(1), T0 + Hours(3), 41.2009, 134.0, sog: 0.5);
        var giverAway = Harness.Reports(OtherMmsi, T0 + Hours(3.2), T0 + Hours(8), 41.2, 134.0, sog: 10, lonPerHour: 0.2);
        var receiverAway = Harness.Reports(DprkMmsi, T0 + Hours(3.2), T0 + Hours(8), 41.2009, 134.0, sog: 10, lonPerHour: -0.2);
        var statics = new[]
        {
            Hull(OtherMmsi, 0, 9.0), Hull(DprkMmsi, 0, 4.0),
            Hull(OtherMmsi, 4, 7.0), Hull(DprkMmsi, 4.5, 6.1),
        };

        var h = Run(giver, receiver, giverAway, receiverAway, statics);

        var closed = h.OfType("ShipToShipTransfer").Single(a => a.Status == "closed");
        var cargo = CargoOf(closed);
        cargo["direction"]!.GetValue<string>().Should().Be("transferred");
        cargo["from"]!.GetValue<int>().Should().Be(OtherMmsi, "the giver's draught fell");
        cargo["to"]!.GetValue<int>().Should().Be(DprkMmsi, "the receiver's draught rose");
        var giverTonnes = cargo["sides"]!.AsArray().Single(s => s!["mmsi"]!.GetValue<int>() == OtherMmsi)!["tonnes"]!.GetValue<double>();
        var receiverTonnes = cargo["sides"]!.AsArray().Single(s => s!["mmsi"]!.GetValue<int>() == DprkMmsi)!["tonnes"]!.GetValue<double>();
        Number(cargo, "tonnes").Should().BeInRange(Math.Min(giverTonnes, receiverTonnes), Math.Max(giverTonnes, receiverTonnes), "both sides narrow it");
        (Number(cargo, "high") - Number(cargo, "low")).Should().BeLessThan(Number(cargo, "tonnes") * 0.25, "the overlap of two ranges is narrower than either");
        cargo["commodity"]!.GetValue<string>().Should().Be("oil");
        AlertSchema.AllShouldBeValid(h.Alerts);
    }

    [Fact]
    public void Add_LoadingCallOverThreeLaggingPartitions_SameEstimateAsInOrder()
    {
        var reports = Call(DprkMmsi, 0, 10, 42.76, 133.05).Concat([Hull(DprkMmsi, 0, 6.0), Hull(DprkMmsi, 12.5, 8.0)])
            .Concat(Harness.Reports(OtherMmsi, T0, T0 + Hours(16), 41.0, 134.0)).OrderBy(r => r.EventTimeMs).ThenBy(r => r.Mmsi).ToList();
        var inOrder = new Harness(Waiting(), ports: Ports.Value).AddAll(reports).Complete();
        var partitioned = new Harness(Waiting(), ports: Ports.Value);
        foreach (var (report, partition) in Harness.SplitOverThreePartitions(reports))
        {
            partitioned.Add(report, partition);
        }

        partitioned.Complete();

        var expected = CargoOf(inOrder.OfType("PortCall").Single(a => a.Status == "closed"));
        CargoOf(partitioned.OfType("PortCall").Single(a => a.Status == "closed")).ToJsonString().Should().Be(expected.ToJsonString(),
            "the estimate runs on event time: arrival order and partitioning do not change it");
        expected["tonnes"].Should().NotBeNull();
    }

    [Fact]
    public void Add_DraughtCorrectionOfTenCentimetres_NoEstimate()
    {
        var h = Run(Call(DprkMmsi, 0, 10, 42.76, 133.05), [Hull(DprkMmsi, 0, 6.0), Hull(DprkMmsi, 12.5, 6.1)]);

        var cargo = CargoOf(h.OfType("PortCall").Single(a => a.Status == "closed"));
        cargo["tonnes"].Should().BeNull("a 0.1 m change is a correction, below the 0.3 m threshold");
        cargo["direction"].Should().BeNull();
        cargo["reason"]!.GetValue<string>().Should().Be("draughtChangeBelowThreshold");
        cargo["commodity"]!.GetValue<string>().Should().Be("oil", "a tanker's commodity is known without an estimate");
    }

    [Fact]
    public void Add_NoStaticReportAfterCall_EstimateSaysSoAfterWaitHours()
    {
        // The crew updated the draught while alongside; nothing is reported after departure for more than 24 h.
        var later = Harness.Reports(DprkMmsi, T0 + Hours(12), T0 + Hours(40), 42.5, 133.05, sog: 10, everyMinutes: 30);
        var h = Run(Call(DprkMmsi, 0, 10, 42.76, 133.05), later, [Hull(DprkMmsi, 0, 6.0), Hull(DprkMmsi, 8, 8.0)]);

        var closed = h.OfType("PortCall").Single(a => a.Status == "closed");
        var cargo = CargoOf(closed);
        cargo["method"]!.GetValue<string>().Should().Be("noStaticReportAfter", "no static report came within Cargo:WaitHours");
        cargo["direction"]!.GetValue<string>().Should().Be("loaded", "the draught last reported (in port) still says so");
        closed.DetectedAt.Should().Be(closed.End!.Value.AddHours(24), "the estimate closes when the wait runs out");
    }

    [Fact]
    public void Add_BulkCarrierLoadsAtDprkPortUnloadsInChina_CoalAndChineseCallAlerted()
    {
        var h = Run(
            Call(OtherMmsi, 0, 10, 38.716667, 125.4),
            Call(OtherMmsi, 40, 10, 38.93, 121.65),
            [Hull(OtherMmsi, 0, 5.0, shipType: 70), Hull(OtherMmsi, 12.2, 9.0, shipType: 70), Hull(OtherMmsi, 52.2, 5.2, shipType: 70)]);

        var closed = h.OfType("PortCall").Where(a => a.Status == "closed").ToList();
        closed.Select(a => a.Port!.Name).Should().Equal(["Nampo", "Dalian"], "the port call where DPRK coal is unloaded is alerted whatever the port's country");
        closed.Select(a => CargoOf(a)["commodity"]!.GetValue<string>()).Should().Equal(["coal", "coal"]);
        closed.Select(a => CargoOf(a)["direction"]!.GetValue<string>()).Should().Equal(["loaded", "unloaded"]);
        CargoOf(closed[1])["barrels"].Should().BeNull("barrels are for oil only");
    }

    [Fact]
    public void Add_BulkCarrierWithoutDprkCoal_NoCallInChina()
    {
        var h = Run(Call(DprkMmsi, 0, 10, 38.93, 121.65), [Hull(DprkMmsi, 0, 9.0, shipType: 70), Hull(DprkMmsi, 12.2, 5.0, shipType: 70)]);

        h.OfType("PortCall").Should().BeEmpty("Chinese ports raise calls only for a cargo loaded at a DPRK port");
    }
}
