using System.Text;
using EDTF.Streaming.Ais.Tests.Support;

namespace EDTF.Streaming.Ais.Tests.Limits;

public class NmeaTimeLimitTests
{
    [Theory]
    [InlineData("c:946684799")]
    [InlineData("c:4102444800")]
    [InlineData("c:9999999999999")]
    public void DecodeLine_TagTimeOutside2000To2100_RejectedAsImplausibleTime(string field)
    {
        var sink = CollectingSink.DecodeLines(Some.Tag(field) + Some.PositionSentence);

        sink.Reports.Should().BeEmpty("a line whose time cannot be true must not reach detection");
        sink.Rejects.Single().Reason.Should().Be(RejectReason.ImplausibleTime);
    }

    [Theory]
    [InlineData("2150-01-01T00:00:00Z ")]
    [InlineData("1999-12-31T23:59:59Z ")]
    [InlineData("946684799 ")]
    public void DecodeLine_LeadingTimestampOutside2000To2100_RejectedAsImplausibleTime(string prefix)
    {
        var sink = CollectingSink.DecodeLines(prefix + Some.PositionSentence);

        sink.Rejects.Single().Reason.Should().Be(RejectReason.ImplausibleTime);
    }

    [Fact]
    public void DecodeLine_GatehouseTimeIn2150_RejectsItAndNextSentenceHasNoTime()
    {
        var sink = CollectingSink.DecodeLines(Some.DollarSentence("PGHP,1,2150,3,18,9,19,9,499,219,,2190048,1,28"), Some.PositionSentence);

        sink.Rejects.Single().Reason.Should().Be(RejectReason.ImplausibleTime);
        sink.Reports.Single().EventTimeMs.Should().BeNull("the rejected Gatehouse time must not be carried to the next sentence");
    }

    [Fact]
    public void DecodeLine_TrailingNumberBeyond2100_IsNotTakenAsTime()
    {
        var sink = CollectingSink.DecodeLines(Some.PositionSentence + ",9999999999");

        sink.Reports.Single().EventTimeMs.Should().BeNull("a trailing field is only a time when it is a plausible one");
    }

    [Theory]
    [InlineData(-7_200_000L)]
    [InlineData(0L)]
    [InlineData(9_000_000_000_000_000L)]
    public void DecodeLine_ImplausibleFallbackTime_GivesReportWithoutTime(long fallbackMs)
    {
        var sink = new CollectingSink();

        new NmeaDecoder().DecodeLine(Encoding.ASCII.GetBytes(Some.PositionSentence), 1, fallbackMs, sink);

        sink.Reports.Single().EventTimeMs.Should().BeNull();
    }

    [Fact]
    public void FromLine_TagTimeBefore2000_IsNull()
    {
        EventTimeExtractor.FromLine(Encoding.ASCII.GetBytes(Some.Tag("c:946684799") + Some.PositionSentence)).Should().BeNull();
    }
}
