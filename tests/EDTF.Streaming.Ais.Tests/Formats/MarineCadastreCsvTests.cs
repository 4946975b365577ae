using EDTF.Streaming.Ais.Formats;

namespace EDTF.Streaming.Ais.Tests.Formats;

public class MarineCadastreCsvTests
{
    private const string TankerRow = "445123000,2023-01-01T00:00:00,38.95,125.1,10.5,87.2,88,\"CHON MA, SAN\",IMO8660313,HMKE,80,0,110,18,6.5,80,A";

    [Fact]
    public void Read_FirstRowOfVessel_GivesStaticThenPositionReport()
    {
        var items = SomeCsv.Read(SomeCsv.MarineCadastre(TankerRow), AisInputFormat.CsvMarineCadastre);

        items.Should().HaveCount(2).And.OnlyContain(i => !i.IsReject);
        var identity = items[0].Report;
        identity.MessageType.Should().Be(5);
        identity.Mmsi.Should().Be(445123000);
        identity.Imo.Should().Be(8660313);
        identity.Name.Should().Be("CHON MA, SAN");
        identity.Callsign.Should().Be("HMKE");
        identity.ShipType.Should().Be(80);
        identity.DraughtMeters.Should().Be(6.5);
        (identity.ToBow + identity.ToStern).Should().Be(110);
        (identity.ToPort + identity.ToStarboard).Should().Be(18);
        identity.Line.Should().Be(2);

        var position = items[1].Report;
        position.MessageType.Should().Be(1);
        position.EventTimeMs.Should().Be(SomeCsv.EpochMs(2023, 1, 1, 0, 0, 0));
        position.Latitude.Should().Be(38.95);
        position.Longitude.Should().Be(125.1);
        position.SpeedKnots.Should().Be(10.5);
        position.CourseDegrees.Should().Be(87.2);
        position.HeadingDegrees.Should().Be(88);
        position.NavStatus.Should().Be(0);
        position.IsPositionReport.Should().BeTrue();
    }

    [Fact]
    public void Read_SameIdentityAgain_GivesOnlyPositionReport()
    {
        var second = TankerRow.Replace("00:00:00", "00:01:00", StringComparison.Ordinal);

        var items = SomeCsv.Read(SomeCsv.MarineCadastre(TankerRow, second), AisInputFormat.CsvMarineCadastre);

        items.Select(i => i.Report.MessageType).Should().Equal(5, 1, 1);
        items[2].Report.Line.Should().Be(3);
    }

    [Fact]
    public void Read_IdentityChanged_GivesNewStaticReportWithMergedFields()
    {
        var renamed = "445123000,2023-01-01T00:02:00,38.95,125.1,10.5,87.2,88,NEW NAME,,,,0,,,,,A";

        var items = SomeCsv.Read(SomeCsv.MarineCadastre(TankerRow, renamed), AisInputFormat.CsvMarineCadastre);

        items.Select(i => i.Report.MessageType).Should().Equal(5, 1, 5, 1);
        items[2].Report.Name.Should().Be("NEW NAME");
        items[2].Report.Imo.Should().Be(8660313, "fields a row leaves empty keep their last known value");
    }

    [Fact]
    public void Read_ClassB_GivesType18AndType24Parts()
    {
        var row = "366000001,2023-01-01T00:00:00,30,-90,5,180,511,SMALL BOAT,,WXY123,37,,10,3,,,B";

        var items = SomeCsv.Read(SomeCsv.MarineCadastre(row), AisInputFormat.CsvMarineCadastre);

        items.Select(i => (i.Report.MessageType, i.Report.PartNumber)).Should().Equal((24, 0), (24, 1), (18, null));
        items[0].Report.Name.Should().Be("SMALL BOAT");
        items[1].Report.Callsign.Should().Be("WXY123");
        items[1].Report.ShipType.Should().Be(37);
        items[2].Report.HeadingDegrees.Should().BeNull("511 means not available");
        items[2].Report.NavStatus.Should().BeNull();
    }

    [Fact]
    public void Read_NoIdentityFields_GivesOnlyPosition()
    {
        var row = "366000002,2023-01-01T00:00:00,30,-90,,,,,,,,,,,,,";

        var items = SomeCsv.Read(SomeCsv.MarineCadastre(row), AisInputFormat.CsvMarineCadastre);

        items.Should().ContainSingle().Which.Report.Should().Match<AisReport>(r =>
            r.MessageType == 1 && r.SpeedKnots == null && r.CourseDegrees == null && r.HeadingDegrees == null);
    }

    [Theory]
    [InlineData("abc,2023-01-01T00:00:00,30,-90,,,,,,,,,,,,,A", "bad_mmsi", "MMSI")]
    [InlineData("0,2023-01-01T00:00:00,30,-90,,,,,,,,,,,,,A", "bad_mmsi", "MMSI")]
    [InlineData("1234567890,2023-01-01T00:00:00,30,-90,,,,,,,,,,,,,A", "bad_mmsi", "MMSI")]
    [InlineData("366000003,01/01/2023,30,-90,,,,,,,,,,,,,A", "bad_time", "BaseDateTime")]
    [InlineData("366000003,2023-01-01T00:00:00,95,-90,,,,,,,,,,,,,A", "impossible_coordinates", "LAT")]
    [InlineData("366000003,2023-01-01T00:00:00,30,-190,,,,,,,,,,,,,A", "impossible_coordinates", "LON")]
    [InlineData("366000003,2023-01-01T00:00:00,30,-90,fast,,,,,,,,,,,,A", "unparseable", "SOG")]
    [InlineData("366000003,2023-01-01T00:00:00,30,-90,,,,,IMOX,,,,,,,,A", "unparseable", "IMO")]
    [InlineData("366000003,2023-01-01T00:00:00,30,-90", "unparseable", "(row)")]
    public void Read_BadRow_IsRejectedWithLineFieldAndReason(string row, string reason, string field)
    {
        var good = "366000004,2023-01-01T00:00:00,30,-90,,,,,,,,,,,,,A";

        var items = SomeCsv.Read(SomeCsv.MarineCadastre(good, row, good), AisInputFormat.CsvMarineCadastre);

        items.Should().HaveCount(3);
        var reject = items[1].Reject;
        reject.Should().NotBeNull();
        reject!.Line.Should().Be(3);
        reject.Reason.Should().Be(reason);
        reject.Field.Should().Be(field);
        reject.File.Should().Be("test.csv");
        items[2].Report.Line.Should().Be(4, "a bad row never stops the reading");
    }

    [Fact]
    public void Read_NotAvailableCoordinates_GivesReportWithoutPosition()
    {
        var row = "366000005,2023-01-01T00:00:00,91,181,,,,,,,,,,,,,A";

        var items = SomeCsv.Read(SomeCsv.MarineCadastre(row), AisInputFormat.CsvMarineCadastre);

        var report = items.Should().ContainSingle().Which.Report;
        report.Latitude.Should().BeNull();
        report.IsPositionReport.Should().BeFalse();
    }

    [Fact]
    public void Read_HeaderWithoutRequiredColumn_RejectsFile()
    {
        var items = SomeCsv.Read("MMSI,LAT,LON\n1,2,3\n", AisInputFormat.CsvMarineCadastre);

        var reject = items.Should().ContainSingle().Which.Reject!;
        reject.Reason.Should().Be("bad_header");
        reject.Field.Should().Be("BaseDateTime");
    }

    [Fact]
    public void Read_ColumnsInAnotherOrderAndOldSpelling_AreFoundByName()
    {
        var text = "BaseDateTime,MMSI,LON,LAT,TranscieverClass\n2023-01-01T00:00:00,366000006,-90,30,B\n";

        var items = SomeCsv.Read(text, AisInputFormat.CsvMarineCadastre);

        var report = items.Should().ContainSingle().Which.Report;
        report.MessageType.Should().Be(18);
        report.Latitude.Should().Be(30);
        report.Longitude.Should().Be(-90);
    }

    [Fact]
    public void Read_GzipFile_IsDecompressed()
    {
        using var temp = new TempFiles();
        var path = temp.Write("day.csv.gz", SomeCsv.MarineCadastre(TankerRow));

        var items = CsvAisReader.Read(path, AisInputFormat.CsvMarineCadastre).ToList();

        items.Select(i => i.Report.MessageType).Should().Equal(5, 1);
        items[0].File.Should().Be(path);
    }

    [Theory]
    [InlineData("2023-01-01 00:00:05")]
    [InlineData("2023-01-01T00:00:05.000Z")]
    [InlineData("2023-01-01T01:00:05+01:00")]
    public void Read_OtherIsoTimeLayouts_AreUtc(string time)
    {
        var row = $"366000007,{time},30,-90,,,,,,,,,,,,,A";

        var items = SomeCsv.Read(SomeCsv.MarineCadastre(row), AisInputFormat.CsvMarineCadastre);

        items.Should().ContainSingle().Which.Report.EventTimeMs.Should().Be(SomeCsv.EpochMs(2023, 1, 1, 0, 0, 5));
    }
}
