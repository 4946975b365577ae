using System.Text;

namespace EDTF.Streaming.Ais.Tests;

public class EventTimeExtractorTests
{
    [Theory]
    [InlineData("\\s:rORBCOMM104,q:u,c:1418172113,T:2014-12-10 00.41.53*55\\!AIVDM,1,1,,B,13F?Vv700<DJuLEtvep`iToV0<00,0*78", 1418172113000L)]
    [InlineData("2014-12-10T00:41:53.5Z !AIVDM,1,1,,B,13F?Vv700<DJuLEtvep`iToV0<00,0*78", 1418172113500L)]
    [InlineData("!AIVDM,1,1,,B,13F?Vv700<DJuLEtvep`iToV0<00,0*78,1327992119157", 1327992119157L)]
    [InlineData("$PGHP,1,2013,3,18,9,19,9,499,219,,2190048,1,28*23", 1363598349499L)]
    [InlineData("!AIVDM,1,1,,B,13F?Vv700<DJuLEtvep`iToV0<00,0*78", null)]
    [InlineData("2014-13-40T00:41:53Z !AIVDM,1,1,,B,13F?Vv700<DJuLEtvep`iToV0<00,0*78", null)]
    public void FromLine_EachLineShape_GivesItsTime(string line, long? expectedMs)
    {
        EventTimeExtractor.FromLine(Encoding.ASCII.GetBytes(line)).Should().Be(expectedMs);
    }

    [Theory]
    [InlineData("1418172113", 1418172113000L)]
    [InlineData("1418172113.25", 1418172113250L)]
    [InlineData("1418172113123", 1418172113123L)]
    [InlineData("14181721131234", null)]
    [InlineData("14x8172113", null)]
    public void TryParseUnixTime_SecondsFractionsAndMilliseconds(string text, long? expectedMs)
    {
        var ok = EventTimeExtractor.TryParseUnixTime(Encoding.ASCII.GetBytes(text), out var ms);

        (ok ? ms : (long?)null).Should().Be(expectedMs);
    }
}
