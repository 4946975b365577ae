using EDTF.Streaming.Detection.Tests.PortCalls;
using EDTF.Streaming.Detection.Tests.Support;
using EDTF.Streaming.Detection.Tests.Transfer;
using EDTF.Streaming.Tests;
using NetTopologySuite.Geometries;
using static EDTF.Streaming.Detection.Tests.Support.Some;

namespace EDTF.Streaming.Detection.Tests.Config;

/// <summary>The world port set (config/ports-world.csv) alone and joined with the analysts' areas (config/ports.geojson).</summary>
public sealed class WorldPortsTests : IDisposable
{
    // Novorossiysk (RU) and Piraeus (GR) are in the world set only: the analysts drew no polygon there.
    private const double NovorossiyskLat = 44.72;
    private const double NovorossiyskLon = 37.77;
    private const double PiraeusLat = 37.93;
    private const double PiraeusLon = 23.62;

    private static readonly Lazy<PortAreas> Shipped = new(() => Load(new PortCallOptions()));
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "edtf-worldports-" + Guid.NewGuid().ToString("N"));

    public WorldPortsTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static PortAreas Load(PortCallOptions options)
    {
        options.WorldPortsPath = TestPaths.InRepo("config/ports-world.csv");
        return DefaultConfig.LoadPorts(TestPaths.InRepo("config/ports.geojson"), options);
    }

    private static Harness Run(IEnumerable<Ais.AisReport> reports, PortAreas ports, DetectionOptions? options = null) =>
        new Harness(options, ports: ports).AddAll(reports).Complete();

    [Fact]
    public void Load_ShippedFile_EveryPortWithCoordinatesAndTheCountryOfItsLocode()
    {
        var world = WorldPorts.Load(TestPaths.InRepo("config/ports-world.csv"));

        world.Should().HaveCount(1610);
        world.Select(p => p.Locode).Should().OnlyHaveUniqueItems();
        world.Should().OnlyContain(p => p.Locode.StartsWith(p.Country, StringComparison.Ordinal));
        world.Single(p => p.Locode == "RUNVS").Should().Be(new WorldPort("RUNVS", "RU", NovorossiyskLat, NovorossiyskLon, "Novorossiysk"));
        world.Single(p => p.Locode == "BSFPO").Name.Should().Be("Freeport, Grand Bahama", "the name is the rest of the line, commas included");
    }

    [Theory]
    [InlineData("RUNVS,RU,44.72,37.77")]
    [InlineData("RUNVS,RU,94.72,37.77,Novorossiysk")]
    [InlineData("RUNV,RU,44.72,37.77,Novorossiysk")]
    [InlineData("RUNVS,RU,north,37.77,Novorossiysk")]
    [InlineData("RUNVS,R1,44.72,37.77,Novorossiysk")]
    public void Load_BadRow_ThrowsNamingFileAndLine(string row)
    {
        var path = Path.Combine(_dir, "ports.csv");
        File.WriteAllText(path, "locode,country,lat,lon,name\nGRPIR,GR,37.93,23.62,Piraeus\n" + row + "\n");

        var act = () => WorldPorts.Load(path);

        act.Should().Throw<FormatException>().WithMessage($"*ports.csv:3:*");
    }

    [Fact]
    public void Combine_AnalystAreaOfSameLocodeOrWithinTheRadius_WinsOverTheWorldPoint()
    {
        var box = new GeometryFactory().ToGeometry(new Envelope(10.0, 10.1, 50.0, 50.1));
        var analyst = new List<(PortArea, Geometry)> { (new PortArea("Analyst port", "XX", "XXAAA", IsHighRisk: false), box) };
        var world = new[]
        {
            new WorldPort("XXAAA", "XX", 51.0, 11.0, "Same locode, far away"),
            new WorldPort("XXBBB", "XX", 50.05, 10.16, "About 3 km east of the box"),
            new WorldPort("XXCCC", "XX", 50.05, 10.5, "About 29 km east of the box"),
        };

        var ports = WorldPorts.Combine(analyst, world, radiusKm: 5, out var overridden);

        overridden.Should().Be(2);
        ports.Areas.Select(a => a.Name).Should().Equal("Analyst port", "About 29 km east of the box");
        ports.Locate(50.05, 10.05).Should().Be(0);
        ports.Locate(50.05, 10.16).Should().Be(-1, "the analyst drew the port's extent: the overridden world circle is gone");
        ports.Locate(50.05, 10.52).Should().Be(1, "the world port is a 5 km circle");
        ports.Locate(50.05, 10.6).Should().Be(-1);
    }

    [Fact]
    public void LoadPorts_ShippedSets_AnalystPolygonsFirstAndNoWorldPointOfTheirLocodes()
    {
        var analyst = PortAreas.Load(TestPaths.InRepo("config/ports.geojson"));
        var ports = Shipped.Value;

        ports.Areas.Take(analyst.Count).Should().Equal(analyst.Areas);
        ports.Count.Should().Be(analyst.Count + 1610 - 27, "17 world ports share an analyst area's UN/LOCODE and 10 more lie within 5 km of one (counted apart, in Python)");
        var analystLocodes = analyst.Areas.Where(a => a.Locode is not null).Select(a => a.Locode).ToHashSet();
        ports.Areas.Skip(analyst.Count).Should().NotContain(a => analystLocodes.Contains(a.Locode));
        ports[ports.Locate(43.1737, 132.0064)].Name.Should().Be("Vladivostok", "the world point of RUVVO lies inside the analyst polygon, which wins");
        Load(new PortCallOptions { UseWorldPorts = false }).Count.Should().Be(analyst.Count);
    }

    [Fact]
    public void Add_StopAtWorldPortInAlertedCountry_PortCallAtNovorossiysk()
    {
        var alerts = Run(PortCallTests.Call(DprkMmsi, dwellH: 5, lat: NovorossiyskLat, lon: NovorossiyskLon, seaLat: 44.5), Shipped.Value).OfType("PortCall");

        alerts.Select(a => a.Status).Should().Equal("open", "closed");
        alerts[1].Port!.Should().BeEquivalentTo(new { Name = "Novorossiysk", Country = "RU", Locode = "RUNVS" });
        alerts[1].Position.Lat.Should().BeApproximately(NovorossiyskLat, 1e-9);
        Run(PortCallTests.Call(DprkMmsi, dwellH: 5, lat: NovorossiyskLat, lon: NovorossiyskLon, seaLat: 44.5), Load(new PortCallOptions { UseWorldPorts = false }))
            .OfType("PortCall").Should().BeEmpty("without the world set there is no port at Novorossiysk");
    }

    [Fact]
    public void Add_StopAtWorldPortOfAnotherCountry_NoPortCallUnlessTheCountryIsAlerted()
    {
        var call = PortCallTests.Call(DprkMmsi, dwellH: 5, lat: PiraeusLat, lon: PiraeusLon, seaLat: 37.7).ToList();

        Run(call, Shipped.Value).OfType("PortCall").Should().BeEmpty();
        var withGreece = new DetectionOptions { AllowedLatenessMinutes = 0, PortCall = { Countries = ["RU", "KP", "GR"] } };
        Run(call, Shipped.Value, withGreece).OfType("PortCall").Select(a => a.Port!.Locode).Should().Equal("GRPIR", "GRPIR");
    }

    [Fact]
    public void Add_PairNextToWorldPortOfAnyCountry_ExcludedAsInPort()
    {
        // 0.1 degree south of Piraeus' point: about 11 km, inside the 5 km circle plus the 10 km exclusion.
        var pair = Harness.Merge(TransferTests.Pair(DprkMmsi, OtherMmsi, 1, 4, lat: PiraeusLat - 0.1, lon: PiraeusLon), TransferTests.Clock(9)).ToList();

        Run(pair, Shipped.Value).Visible("ShipToShipTransfer").Should().BeEmpty();
        Run(pair, Load(new PortCallOptions { UseWorldPorts = false })).Visible("ShipToShipTransfer").Should().NotBeEmpty();
        var farther = Harness.Merge(TransferTests.Pair(DprkMmsi, OtherMmsi, 1, 4, lat: PiraeusLat - 0.2, lon: PiraeusLon), TransferTests.Clock(9));
        Run(farther, Shipped.Value).Visible("ShipToShipTransfer").Should().NotBeEmpty("22 km from the point is beyond 5 + 10 km");
    }
}
