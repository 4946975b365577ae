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
