using EDTF.Streaming.Detection.Tracking;
using EDTF.Streaming.Tests;

namespace EDTF.Streaming.Detection.Tests.Config;

public class ConfigTests
{
    [Fact]
    public void Load_ShippedWatchlist_HasAdvisoryTankersAndUnDesignationsWithValidImos()
    {
        var list = Watchlist.Load(TestPaths.InRepo("config/watchlist.csv"));

        list.Entries.Should().HaveCount(31);
        list.Entries.Should().OnlyContain(e => e.ImoCheckDigitValid);
        list.ByImo(9191773).Should().ContainSingle(e => e.Program == "UN-1718" && e.Name == "BILLIONS NO.18");
        list.ByImo(7389704).Select(e => e.Program).Should().BeEquivalentTo("US-DPRK-ADVISORY-2019", "UN-1718");
    }

    [Fact]
    public void Load_OfacSdnCsv_TakesImoAndMmsiFromRemarks()
    {
        var path = Path.GetTempFileName();
        File.WriteAllLines(path,
        [
            "36,\"AEROCARIBBEAN AIRLINES\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ",
            "15036,\"CHON MA SAN\",\"vessel\",\"DPRK3\",-0- ,\"HMYM\",\"Crude Oil Tanker\",\"2900\",\"2000\",\"Korea, North\",-0- ,\"Vessel Registration Identification IMO 8660313; MMSI 445096000; Linked To: KOREA SAMBONG.\"",
            "15037,\"NO ID\",\"vessel\",\"DPRK3\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ",
        ]);
        try
        {
            var list = Watchlist.Load(path);

            var entry = list.Entries.Should().ContainSingle().Subject;
            entry.Imo.Should().Be(8660313);
            entry.Mmsi.Should().Be(445096000);
            entry.Name.Should().Be("CHON MA SAN");
            entry.Program.Should().Be("OFAC-SDN:DPRK3");
            list.ByMmsi(445096000).Should().ContainSingle();
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Load_NeitherFormat_FailsClearly()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, "hello,world\n");
        try
        {
            var act = () => Watchlist.Load(path);

            act.Should().Throw<FormatException>().WithMessage("*imo,mmsi,name,program,source*");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData(9074729, true)]
    [InlineData(8106496, true)]
    [InlineData(8106497, false)]
    [InlineData(123, false)]
    public void IsValidImo_CheckDigit(int imo, bool valid)
    {
        MaritimeIdentities.IsValidImo(imo).Should().Be(valid);
    }

    [Theory]
    [InlineData(445_123_456, "KP")]
    [InlineData(273_123_456, "RU")]
    [InlineData(351_000_000, "PA")]
    [InlineData(636_012_345, "LR")]
    [InlineData(477_000_001, "HK")]
    [InlineData(992_731_234, null)]
    public void Flag_FromMid(int mmsi, string? iso)
    {
        MaritimeIdentities.Flag(mmsi).Should().Be(iso);
    }

    [Fact]
    public void Load_ShippedPorts_LocatesRussianAndDprkPortsAndHighRiskAreas()
    {
        var ports = PortAreas.Load(TestPaths.InRepo("config/ports.geojson"));

        string? NameAt(double lat, double lon) => ports.Locate(lat, lon) is var i and >= 0 ? ports[i].Name : null;
        NameAt(42.75, 133.02).Should().Be("Vostochny");
        NameAt(42.79, 132.90).Should().StartWith("Nakhodka");
        NameAt(43.10, 131.90).Should().Be("Vladivostok");
        NameAt(42.90, 131.42).Should().Be("Slavyanka");
        NameAt(49.08, 140.28).Should().StartWith("Vanino");
        NameAt(38.716667, 125.4).Should().Be("Nampo");
        NameAt(42.0, 134.0).Should().BeNull();
        foreach (var name in new[] { "Zarubino", "Posyet", "Bolshoy Kamen", "Korsakov", "Kholmsk" })
        {
            ports.Areas.Should().Contain(a => a.Name == name && a.Country == "RU");
        }

        foreach (var (lat, lon, name) in new[] { (38.716667, 125.4, "Nampo"), (38.733333, 125.616667, "Songnim"), (41.766667, 129.816667, "Chongjin"),
                     (42.233333, 130.3, "Rajin"), (39.833333, 127.616667, "Hungnam"), (38.85, 125.45, "Taean") })
        {
            ports.Locate(lat, lon).Should().BeGreaterThanOrEqualTo(0, $"{name} is a port of the issue");
            var port = ports[ports.Locate(lat, lon)];
            port.Name.Should().Contain(name);
            port.Country.Should().Be("KP");
        }

        ports.InHighRiskArea(38.55, 124.85).Should().BeTrue("Chodo approaches");
        ports.InHighRiskArea(42.75, 133.02).Should().BeFalse();
        ports.IsNearPort(42.70, 133.15, 10).Should().BeTrue();
        ports.IsNearPort(42.30, 133.50, 10).Should().BeFalse();
    }

    [Fact]
    public void DistanceKm_PointOutsidePolygon_MetricDistance()
    {
        var ports = PortAreas.Load(TestPaths.InRepo("config/ports.geojson"));
        var i = ports.Locate(43.10, 131.90);

        ports.DistanceKm(i, 43.10, 131.90).Should().Be(0);
        // Vladivostok's box ends at about 43.196 N: 0.1 degree further north is about 11 km.
        ports.DistanceKm(i, 43.296, 131.90).Should().BeApproximately(11.1, 0.3);
    }
}

public class PortAreasGeoJsonTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("edtf-ports-").FullName;

    public void Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        GC.SuppressFinalize(this);
    }

    [Theory]
    [InlineData("""{"type":"Feature"}""", "not a GeoJSON FeatureCollection")]
    [InlineData("""{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"country":"RU"},"geometry":null}]}""", "feature 1 has no 'name'")]
    [InlineData("""{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"X"},"geometry":null}]}""", "feature 'X' has no 'country'")]
    [InlineData("""{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"X","country":"RU"},"geometry":{"type":"LineString","coordinates":[[1,2],[3,4]]}}]}""", "feature 'X' is a LineString, expected Polygon or MultiPolygon")]
    [InlineData("""{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"X","country":"RU"},"geometry":{"type":"Polygon","coordinates":[[[132,42],[133,42],[133,43],[132,43.5]]]}}]}""", "feature 'X' has a ring that is not closed")]
    [InlineData("""{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"X","country":"RU"},"geometry":{"type":"Polygon","coordinates":[[[42,132],[42,133],[43,133],[42,132]]]}}]}""", "feature 'X' has a position out of range: [42, 132]")]
    [InlineData("""{"type":"FeatureCollection","features":[""", "not GeoJSON")]
    public void Load_BadFile_FormatExceptionNamesFeatureAndProblem(string json, string expected)
    {
        var path = Path.Combine(_dir, "ports.geojson");
        File.WriteAllText(path, json);

        var act = () => PortAreas.Load(path);

        act.Should().Throw<FormatException>().Which.Message.Should().StartWith(path + ": ").And.Contain(expected);
    }

    [Fact]
    public void Load_MultiPolygonWithHole_ContainsOnlyOutsideTheHole()
    {
        var path = Path.Combine(_dir, "ports.geojson");
        File.WriteAllText(path, """
            {"type":"FeatureCollection","features":[
              {"type":"Feature","properties":{"name":"Twin","country":"ru","locode":"RUTWN","kind":"port"},
               "geometry":{"type":"MultiPolygon","coordinates":[
                 [[[130,40],[131,40],[131,41],[130,41],[130,40]],[[130.4,40.4],[130.6,40.4],[130.6,40.6],[130.4,40.6],[130.4,40.4]]],
                 [[[132,40],[132.5,40],[132.5,40.5],[132,40.5],[132,40]]]]}},
              {"type":"Feature","properties":{"name":"Risk","country":"KP","kind":"highRisk"},
               "geometry":{"type":"Polygon","coordinates":[[[124,38],[125,38],[125,39],[124,39],[124,38]]]}}]}
            """);

        var ports = PortAreas.Load(path);

        ports.Count.Should().Be(2);
        ports[0].Should().Be(new PortArea("Twin", "RU", "RUTWN", IsHighRisk: false));
        ports.Locate(40.2, 130.2).Should().Be(0);
        ports.Locate(40.5, 130.5).Should().Be(-1, "inside the hole");
        ports.Locate(40.2, 132.2).Should().Be(0, "second polygon of the multipolygon");
        ports.InHighRiskArea(38.5, 124.5).Should().BeTrue();
        ports.Locate(38.5, 124.5).Should().Be(-1, "a high-risk area is not a port");
    }
}
