using EDTF.Streaming.Ais.Formats;
using EDTF.Streaming.Ais.Tests.Formats;

namespace EDTF.Streaming.Ais.Tests.Limits;

public class CsvLimitTests
{
    [Theory]
    [InlineData("1999-12-31T23:59:59")]
    [InlineData("2100-01-01T00:00:00")]
    [InlineData("9999-12-31T23:59:59")]
    public void Read_MarineCadastreTimeOutsideWindow_RejectedAsImplausibleTime(string time)
    {
        var items = SomeCsv.Read(SomeCsv.MarineCadastre($"445123000,{time},38.95,125.1,10.5,87.2,88,,,,,0,,,,,A"), AisInputFormat.CsvMarineCadastre);

        items.Single().Reject!.Reason.Should().Be("implausible_time");
    }

    [Fact]
    public void Read_DmaTimeBefore2000_RejectedAsImplausibleTime()
    {
        var row = "31/12/1999 23:59:59,Class A,219000001,55.5,10.5,Under way using engine,0,10,90,90,Unknown,,,Undefined,,,,,,,,AIS,,,,";

        var items = SomeCsv.Read(SomeCsv.Dma(row), AisInputFormat.CsvDma);

        items.Single().Reject!.Reason.Should().Be("implausible_time");
    }

    [Theory]
    [InlineData("1e300", "1e300", "1e300")]
    [InlineData("1023", "127", "25.6")]
    public void Read_MarineCadastreSizesBeyondAisFields_BecomeNull(string length, string width, string draught)
    {
        var items = SomeCsv.Read(
            SomeCsv.MarineCadastre($"445123000,2023-01-01T00:00:00,38.95,125.1,10.5,87.2,88,SHIP,IMO8660313,,80,0,{length},{width},{draught},80,A"),
            AisInputFormat.CsvMarineCadastre);

        var identity = items.First(i => i.Report.MessageType == 5).Report;
        identity.Should().Match<AisReport>(r => r.ToBow == null && r.ToStern == null && r.ToPort == null && r.ToStarboard == null && r.DraughtMeters == null);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("1e400")]
    public void Read_MarineCadastreNonFiniteLatitude_Rejected(string lat)
    {
        var items = SomeCsv.Read(SomeCsv.MarineCadastre($"445123000,2023-01-01T00:00:00,{lat},125.1,10.5,87.2,88,,,,,0,,,,,A"), AisInputFormat.CsvMarineCadastre);

        items.Single().IsReject.Should().BeTrue();
    }
}
