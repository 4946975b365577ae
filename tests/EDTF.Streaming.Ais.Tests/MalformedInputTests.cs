using EDTF.Streaming.Ais.Tests.Support;

namespace EDTF.Streaming.Ais.Tests;

/// <summary>Every reject reason, from input built to provoke it; and lines that are skipped without a reject.</summary>
public class MalformedInputTests
{
    [Theory]
    [InlineData("!AIVDM,1,1,,B,13F?Vv700<DJuLEtvep`iToV0<00,0*79", RejectReason.BadChecksum)]
    [InlineData("!AIVDM,1,1,,B,13F?Vv700<DJuLEtvep`iToV0<00,0*ZZ", RejectReason.BadChecksum)]
    [InlineData("\\c:1418172113*01\\!AIVDM,1,1,,B,13F?Vv700<DJuLEtvep`iToV0<00,0*78", RejectReason.BadTagBlock)]
    [InlineData("\\c:1418172113!AIVDM,1,1,,B,13F?Vv700<DJuLEtvep`iToV0<00,0*78", RejectReason.BadTagBlock)]
    [InlineData("!AIVDM,1,1,,B,13F?Vv700<DJuLEtvep`iToV0<00,0", RejectReason.Truncated)]
    [InlineData("!AIVDM,1,1,,B,13F?Vv700<DJuLEtvep`iToV0<00,0*7", RejectReason.Truncated)]
    [InlineData("$GPGGA,213950.00,5250.53669,N,00542.34920,E,1,09,1.03,-6.0,M,45.8,M,,*7B", RejectReason.UnsupportedSentence)]
    [InlineData("Virtual AIS Receiver Stream Broadcast v1.1.0 <DEMO>", RejectReason.Malformed)]
    [InlineData("{\"class\":\"AIS\"}", RejectReason.Malformed)]
    [InlineData("12345 is not a timestamp", RejectReason.Malformed)]
    public void DecodeLine_LiteralBadLine_RejectedWithReason(string line, RejectReason expected)
    {
        var sink = CollectingSink.DecodeLines(line);

        sink.Reports.Should().BeEmpty();
        sink.Rejects.Should().ContainSingle().Which.Should().Match<DecodeReject>(r => r.Reason == expected && r.Line == 1 && r.Text == line);
    }

    [Theory]
    [InlineData("AIVDM,1,1,,A,13F?Vv700<DJuLEtvep`iToV0<00", RejectReason.Truncated)]
    [InlineData("AIVDM,1,1,,A,13F?Vv700<DJuLEtvep`iToV0<00,0,extra", RejectReason.Malformed)]
    [InlineData("AIVDM,0,1,,A,13F?Vv700<DJuLEtvep`iToV0<00,0", RejectReason.Malformed)]
    [InlineData("AIVDM,1,2,,A,13F?Vv700<DJuLEtvep`iToV0<00,0", RejectReason.Malformed)]
    [InlineData("AIVDM,1,1,,A,13F?Vv700<DJuLEtvep`iToV0<00,7", RejectReason.Malformed)]
    [InlineData("AIVDM,1,1,x,A,13F?Vv700<DJuLEtvep`iToV0<00,0", RejectReason.InvalidCharacter)]
    [InlineData("AIVDM,1,1,,A,13F?Vv700<DJuLEtvep`iToV0~00,0", RejectReason.InvalidCharacter)]
    [InlineData("AIVDM,1,1,,A,13F?Vv700<DJuLEtvepXiToV0<00,0", RejectReason.InvalidCharacter)]
    [InlineData("AIVDM,2,1,3,A,13F?Vv700<DJuLEtvepXiToV0<00,0", RejectReason.InvalidCharacter)]
    [InlineData("AIVDM,1,1,,A,1P,0", RejectReason.WrongBitLength)]
    [InlineData("AIVDM,1,1,,A,15M67F,0", RejectReason.WrongBitLength)]
    [InlineData("GPRMC,213951.00,A,5250.53675,N,00542.34923,E,0.014,,070420,,,A", RejectReason.UnsupportedSentence)]
    [InlineData("AIPWR,UNIT=1,PWV", RejectReason.UnsupportedSentence)]
    public void DecodeLine_BadSentenceWithValidChecksum_RejectedWithReason(string body, RejectReason expected)
    {
        var line = Some.Sentence(body);

        var sink = CollectingSink.DecodeLines(line);

        sink.Reports.Should().BeEmpty();
        sink.Rejects.Should().ContainSingle().Which.Reason.Should().Be(expected, sink.Rejects[0].Detail);
    }

    [Theory]
    [InlineData("c:notatime")]
    [InlineData("g:1-x-5")]
    [InlineData("g:3-2-5")]
    [InlineData("novalue")]
    public void DecodeLine_TagBlockWithBadFieldButGoodChecksum_RejectedAsBadTagBlock(string fields)
    {
        var sink = CollectingSink.DecodeLines(Some.Tag(fields) + Some.PositionSentence);

        sink.Rejects.Should().ContainSingle().Which.Reason.Should().Be(RejectReason.BadTagBlock);
    }

    [Fact]
    public void DecodeLine_TagBlockWithoutSentence_RejectedAsTruncated()
    {
        CollectingSink.DecodeLines(Some.Tag("c:1418172113")).Rejects.Should().ContainSingle().Which.Reason.Should().Be(RejectReason.Truncated);
    }

    [Fact]
    public void Flush_SecondFragmentWithoutFirst_RejectedAsOrphan()
    {
        var sink = CollectingSink.DecodeLines("!AIVDM,2,2,9,B,`88888888888880,2*76");

        sink.Rejects.Should().ContainSingle().Which.Should().Match<DecodeReject>(r => r.Reason == RejectReason.OrphanFragment && r.Line == 1);
    }

    [Fact]
    public void Flush_FirstFragmentWithoutSecond_RejectedAsExpired()
    {
        var sink = CollectingSink.DecodeLines("!AIVDM,2,1,9,B,55R3Vn82=ILTQ3KKS>1<D60Dq@E918U<F222221J1`?164vc03S1CCAD,0*2A");

        sink.Rejects.Should().ContainSingle().Which.Reason.Should().Be(RejectReason.ExpiredFragments);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("# a comment")]
    [InlineData("!AIVDM,1,1,,B,,0*25")]
    [InlineData("!AIVDM,1,1,,A,00,4*22")]
    [InlineData("$PGHP,1,2008,5,9,0,0,0,10,338,2,,1,09*17")]
    public void DecodeLine_LineWithoutMessage_SkippedWithoutReject(string line)
    {
        var decoder = new NmeaDecoder();
        var sink = new CollectingSink();

        decoder.DecodeLine(System.Text.Encoding.Latin1.GetBytes(line), 1, null, sink);

        sink.Reports.Should().BeEmpty();
        sink.Rejects.Should().BeEmpty();
        (decoder.Statistics.IgnoredLines + decoder.Statistics.EmptySentences + decoder.Statistics.MetadataSentences).Should().Be(1);
    }

    [Fact]
    public void Statistics_MixedBadInput_CountsEveryRejectByReason()
    {
        var decoder = new NmeaDecoder();
        var sink = new CollectingSink();
        string[] lines = ["!AIVDM,1,1,,B,13F?Vv700<DJuLEtvep`iToV0<00,0*79", "garbage", "!AIVDM,1,1,,B,13F?Vv700<DJuLEtvep`iToV0<00,0*79", Some.PositionSentence];
        for (var i = 0; i < lines.Length; i++)
        {
            decoder.DecodeLine(System.Text.Encoding.Latin1.GetBytes(lines[i]), i + 1, null, sink);
        }

        decoder.Statistics.RejectsOf(RejectReason.BadChecksum).Should().Be(2);
        decoder.Statistics.RejectsOf(RejectReason.Malformed).Should().Be(1);
        decoder.Statistics.Rejects.Should().Be(3);
        decoder.Statistics.Messages.Should().Be(1);
        decoder.Statistics.MessagesOfType(1).Should().Be(1);
        sink.Rejects.Select(r => r.Line).Should().Equal(1, 2, 3);
    }

    [Fact]
    public void ToLabel_EveryReason_IsDistinctSnakeCase()
    {
        var labels = RejectReasons.All.Select(RejectReasons.ToLabel).ToList();

        labels.Should().OnlyHaveUniqueItems().And.OnlyContain(l => System.Text.RegularExpressions.Regex.IsMatch(l, "^[a-z]+(_[a-z]+)*$"));
        RejectReasons.ToLabel(RejectReason.BadChecksum).Should().Be("bad_checksum");
        labels.Should().HaveCount(Enum.GetValues<RejectReason>().Length);
    }
}
