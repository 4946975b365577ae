using EDTF.Streaming.Ais.Formats;

namespace EDTF.Streaming.Ais.Tests.Formats;

public class FormatSnifferTests
{
    [Fact]
    public void Sniff_EachKindOfFile_TellsFormat()
    {
        using var temp = new TempFiles();

        FormatSniffer.Sniff(temp.Write("a.csv", SomeCsv.MarineCadastre())).Should().Be(AisInputFormat.CsvMarineCadastre);
        FormatSniffer.Sniff(temp.Write("b.csv.gz", SomeCsv.Dma())).Should().Be(AisInputFormat.CsvDma);
        FormatSniffer.Sniff(temp.Write("c.nmea", "\n!AIVDM,1,1,,A,15M67FC000G?ufbE`FepT@3n00Sa,0*5C\n")).Should().Be(AisInputFormat.Nmea);
    }

    [Fact]
    public void Sniff_RealNmeaCapture_IsNmea()
    {
        FormatSniffer.Sniff(EDTF.Streaming.Tests.TestPaths.AisData("amsa-risky/exact-earth-with-tag-block.txt")).Should().Be(AisInputFormat.Nmea);
    }

    [Theory]
    [InlineData("auto", AisInputFormat.Auto)]
    [InlineData("csv-marinecadastre", AisInputFormat.CsvMarineCadastre)]
    [InlineData("CSV-DMA", AisInputFormat.CsvDma)]
    [InlineData("nmea", AisInputFormat.Nmea)]
    public void TryParse_KnownName_GivesFormat(string name, AisInputFormat expected)
    {
        AisInputFormats.TryParse(name, out var format).Should().BeTrue();
        format.Should().Be(expected);
        AisInputFormats.Names.Should().Contain(format.ToName());
    }

    [Fact]
    public void TryParse_UnknownName_IsFalse()
    {
        AisInputFormats.TryParse("csv", out _).Should().BeFalse();
    }
}
