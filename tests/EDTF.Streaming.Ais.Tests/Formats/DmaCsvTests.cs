using EDTF.Streaming.Ais.Formats;

namespace EDTF.Streaming.Ais.Tests.Formats;

public class DmaCsvTests
{
    private const string TankerRow =
        "27/02/2023 13:45:07,Class A,219000873,56.990910,10.304543,Under way using engine,0.0,12.3,30.2,81,9123456,OWLZ2,TANJA,Tanker,Category X,16,120,GPS,7.1,AARHUS,28/02/2023 06:30:00,AIS,60,60,8,8";

    [Fact]
    public void Read_ClassARow_GivesStaticAndPositionReports()
    {
        var items = SomeCsv.Read(SomeCsv.Dma(TankerRow), AisInputFormat.CsvDma);

        items.Select(i => i.Report.MessageType).Should().Equal(5, 1);
        var identity = items[0].Report;
        identity.Imo.Should().Be(9123456);
        identity.Callsign.Should().Be("OWLZ2");
        identity.Name.Should().Be("TANJA");
        identity.ShipType.Should().Be(81, "Tanker with hazard category X");
        identity.DraughtMeters.Should().Be(7.1);
        identity.Destination.Should().Be("AARHUS");
        (identity.ToBow, identity.ToStern, identity.ToPort, identity.ToStarboard).Should().Be((60, 60, 8, 8));
        (identity.EtaMonth, identity.EtaDay, identity.EtaHour, identity.EtaMinute).Should().Be((2, 28, 6, 30));

        var position = items[1].Report;
        position.EventTimeMs.Should().Be(SomeCsv.EpochMs(2023, 2, 27, 13, 45, 7));
        position.Latitude.Should().Be(56.99091);
        position.Longitude.Should().Be(10.304543);
        position.SpeedKnots.Should().Be(12.3);
        position.CourseDegrees.Should().Be(30.2);
        position.HeadingDegrees.Should().Be(81);
        position.NavStatus.Should().Be(0);
        position.RateOfTurn.Should().Be(0.0);
    }

    [Fact]
    public void Read_UnknownAndUndefinedValues_AreMissingNotErrors()
    {
        var row = "27/02/2023 00:00:00,Class A,219000874,56.7,11.5,Unknown navigational status,,,,,Unknown,Unknown,,Undefined,,,,Undefined,,Unknown,,AIS,,,,";

        var items = SomeCsv.Read(SomeCsv.Dma(row), AisInputFormat.CsvDma);

        var report = items.Should().ContainSingle().Which.Report;
        report.MessageType.Should().Be(1);
        report.NavStatus.Should().BeNull();
        report.SpeedKnots.Should().BeNull();
    }

    [Theory]
    [InlineData("Base Station", 4)]
    [InlineData("AtoN", 21)]
    [InlineData("SAR Airborne", 9)]
    [InlineData("Class B", 18)]
    public void Read_TypeOfMobile_ChoosesMessageType(string mobile, int messageType)
    {
        var row = $"27/02/2023 00:00:00,{mobile},2190064,56.7,11.5,Unknown navigational status,,,,,Unknown,Unknown,,Undefined,,,,GPS,,Unknown,,AIS,,,,";

        var items = SomeCsv.Read(SomeCsv.Dma(row), AisInputFormat.CsvDma);

        items.Should().ContainSingle().Which.Report.MessageType.Should().Be(messageType);
    }

    [Fact]
    public void Read_LengthAndWidthWithoutReferencePoints_SplitsThem()
    {
        var row = "27/02/2023 00:00:00,Class A,219000875,56.7,11.5,Moored,,0,,,Unknown,OXYZ,FERRY,Passenger,,21,101,GPS,,Unknown,,AIS,,,,";

        var items = SomeCsv.Read(SomeCsv.Dma(row), AisInputFormat.CsvDma);

        var identity = items[0].Report;
        identity.ShipType.Should().Be(60);
        (identity.ToBow + identity.ToStern).Should().Be(101);
        (identity.ToPort + identity.ToStarboard).Should().Be(21);
        items[1].Report.NavStatus.Should().Be(5);
    }

    [Theory]
    [InlineData("2023-02-27 00:00:00", "bad_time", "Timestamp")]
    [InlineData("27/02/2023 25:00:00", "bad_time", "Timestamp")]
    public void Read_BadTimestamp_IsRejected(string time, string reason, string field)
    {
        var row = $"{time},Class A,219000876,56.7,11.5,Moored,,,,,Unknown,Unknown,,Undefined,,,,GPS,,Unknown,,AIS,,,,";

        var reject = SomeCsv.Read(SomeCsv.Dma(row), AisInputFormat.CsvDma).Should().ContainSingle().Which.Reject!;

        (reject.Reason, reject.Field, reject.Line).Should().Be((reason, field, 2L));
    }

    [Fact]
    public void Read_ImpossibleLatitude_IsRejected()
    {
        var row = "27/02/2023 00:00:00,Class A,219000877,-91.5,11.5,Moored,,,,,Unknown,Unknown,,Undefined,,,,GPS,,Unknown,,AIS,,,,";

        var reject = SomeCsv.Read(SomeCsv.Dma(row), AisInputFormat.CsvDma).Should().ContainSingle().Which.Reject!;

        (reject.Reason, reject.Field).Should().Be(("impossible_coordinates", "Latitude"));
    }
}
