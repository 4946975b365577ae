using System.Text;
using System.Text.Json;
using EDTF.Streaming.Ais.Formats;

namespace EDTF.Streaming.Ais.Tests.Formats;

public class AisReportJsonTests
{
    private static readonly AisReport Full = new()
    {
        MessageType = 5,
        Mmsi = 445123000,
        RepeatIndicator = 1,
        EventTimeMs = 1672531200123,
        Line = 42,
        Source = "rEV02",
        Channel = 'B',
        Latitude = 38.95,
        Longitude = 125.1,
        SpeedKnots = 10.5,
        CourseDegrees = 87.2,
        HeadingDegrees = 88,
        NavStatus = 3,
        RateOfTurn = -2.5,
        Second = 17,
        PositionAccuracy = true,
        Raim = true,
        Imo = 8660313,
        Callsign = "HMKE",
        Name = "CHON \"MA\" SAN",
        ShipType = 80,
        DraughtMeters = 6.5,
        Destination = "NAMPO",
        ToBow = 55,
        ToStern = 55,
        ToPort = 9,
        ToStarboard = 9,
        EtaMonth = 1,
        EtaDay = 2,
        EtaHour = 3,
        EtaMinute = 4,
        PartNumber = 1,
    };

    [Fact]
    public void Parse_SerializedReport_RoundTrips()
    {
        var bytes = AisReportJson.SerializeToUtf8Bytes(Full);

        AisReportJson.Parse(bytes).Should().Be(Full);
    }

    [Fact]
    public void Serialize_PositionReport_UsesDecodeFieldNamesAndOmitsNulls()
    {
        var report = new AisReport { MessageType = 1, Mmsi = 366000001, Line = 2, EventTimeMs = 1672531200000, Latitude = 30, Longitude = -90 };

        var json = AisReportJson.Serialize(report);

        json.Should().Be("{\"type\":1,\"mmsi\":366000001,\"line\":2,\"time\":\"2023-01-01T00:00:00Z\",\"lat\":30,\"lon\":-90}");
    }

    [Fact]
    public void Parse_TimeAsEpochMillisecondsAndUnknownFields_Accepted()
    {
        var json = "{\"mmsi\":1,\"type\":18,\"time\":1672531200000,\"future\":{\"a\":[1,2]},\"sog\":null}"u8;

        var report = AisReportJson.Parse(json);

        report.MessageType.Should().Be(18);
        report.EventTimeMs.Should().Be(1672531200000);
        report.SpeedKnots.Should().BeNull();
    }

    [Fact]
    public void Parse_EscapedPropertyName_IsRecognised()
    {
        var report = AisReportJson.Parse(System.Text.Encoding.UTF8.GetBytes("{\"typ\\u0065\":1,\"mmsi\":7}"));

        report.MessageType.Should().Be(1);
    }

    [Theory]
    [InlineData("{\"type\":1}")]
    [InlineData("[1,2]")]
    [InlineData("{\"type\":1,\"mmsi\":\"x\"}")]
    [InlineData("{\"type\":1,\"mmsi\":2,\"time\":\"yesterday\"}")]
    [InlineData("{\"type\":1,\"mmsi\":2")]
    public void TryParse_BadRecord_ReturnsFalseWithReason(string json)
    {
        AisReportJson.TryParse(System.Text.Encoding.UTF8.GetBytes(json), out _, out var error).Should().BeFalse();
        error.Should().NotBeNullOrEmpty();
    }

    [Fact]
    public void Serialize_CsvReports_ParseAsValidJsonObjects()
    {
        var items = SomeCsv.Read(SomeCsv.MarineCadastre(
            "445123000,2023-01-01T00:00:00,38.95,125.1,10.5,87.2,88,\"CHON MA, SAN\",IMO8660313,HMKE,80,0,110,18,6.5,80,A"), AisInputFormat.CsvMarineCadastre);

        foreach (var item in items)
        {
            using var doc = JsonDocument.Parse(AisReportJson.SerializeToUtf8Bytes(item.Report));
            doc.RootElement.GetProperty("mmsi").GetInt32().Should().Be(445123000);
            AisReportJson.Parse(AisReportJson.SerializeToUtf8Bytes(item.Report)).Should().Be(item.Report);
        }
    }
}
