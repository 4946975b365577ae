using System.Text;
using EDTF.Streaming.Ais.Tests.Support;

namespace EDTF.Streaming.Ais.Tests;

/// <summary>Line shapes, event time, sources, reassembly and "not available" handling of <see cref="NmeaDecoder"/>.</summary>
public class NmeaDecoderTests
{
    private const string Type5Part1 = "!AIVDM,2,1,9,B,55R3Vn82=ILTQ3KKS>1<D60Dq@E918U<F222221J1`?164vc03S1CCAD,0*2A";
    private const string Type5Part2 = "!AIVDM,2,2,9,B,`88888888888880,2*76";

    [Theory]
    [InlineData("!ABVDM,1,1,6,B,1G7lQJ001PbomTie:ms2sR@40000,0*34")]
    [InlineData("!BSVDO,1,1,,B,14VliT002O0q2DBP:dAu7JRD0<0s,0*3C")]
    public void DecodeLine_AnyTalkerVdmOrVdo_Decoded(string line)
    {
        var fixedLine = Some.Sentence(line[1..line.IndexOf('*', StringComparison.Ordinal)]);

        CollectingSink.DecodeLines(fixedLine).Reports.Should().ContainSingle().Which.MessageType.Should().Be(1);
    }

    [Fact]
    public void DecodeLine_LowercaseHexChecksum_Accepted()
    {
        var upper = Some.Sentence("AIVDM,1,1,,A,15MgK45P3@G?fl0E`JbR0OwT0@MS,0");
        upper[^2..].Should().MatchRegex("[A-F]", "the test needs a checksum with a letter");
        var lower = upper[..^2] + upper[^2..].ToLowerInvariant();

        CollectingSink.DecodeLines(lower).Reports.Should().ContainSingle().Which.Mmsi.Should().Be(CollectingSink.DecodeLines(upper).Reports[0].Mmsi);
    }

    [Fact]
    public void DecodeLine_TagBlockSeconds_GivesEventTimeAndSource()
    {
        var report = CollectingSink.DecodeLines(Some.Tag("s:rORBCOMM104,c:1418172113") + Some.PositionSentence).Reports.Single();

        report.EventTimeMs.Should().Be(1418172113000);
        report.Source.Should().Be("rORBCOMM104");
        report.Mmsi.Should().Be(Some.PositionMmsi);
        report.Channel.Should().Be('B');
    }

    [Fact]
    public void DecodeLine_TagBlockThirteenDigits_ReadAsMilliseconds()
    {
        CollectingSink.DecodeLines(Some.Tag("c:1418172113456") + Some.PositionSentence).Reports.Single().EventTimeMs.Should().Be(1418172113456);
    }

    [Fact]
    public void DecodeLine_SameSourceOnManyLines_SourceStringInterned()
    {
        var sink = CollectingSink.DecodeLines(Some.Tag("s:sat1,c:1418172113") + Some.PositionSentence, Some.Tag("s:sat1,c:1418172114") + Some.PositionSentence);

        ReferenceEquals(sink.Reports[0].Source, sink.Reports[1].Source).Should().BeTrue();
    }

    [Theory]
    [InlineData("2014-12-10T00:41:53Z ", 1418172113000)]
    [InlineData("2014-12-10T00:41:53.250Z,", 1418172113250)]
    [InlineData("2014-12-10 00:41:53;", 1418172113000)]
    [InlineData("2014-12-10T01:41:53+01:00\t", 1418172113000)]
    [InlineData("1418172113 ", 1418172113000)]
    public void DecodeLine_LeadingTimestamp_GivesEventTime(string prefix, long expectedMs)
    {
        CollectingSink.DecodeLines(prefix + Some.PositionSentence).Reports.Single().EventTimeMs.Should().Be(expectedMs);
    }

    [Theory]
    [InlineData(",1418172113", 1418172113000)]
    [InlineData(",r003669946,1418172113,1418172000", 1418172113000)]
    [InlineData(",1418172113456", 1418172113456)]
    [InlineData(",d-109,S2105,t050056.00,T56.13718694,r003669946,1418172113,1418172001", 1418172113000)]
    public void DecodeLine_TrailingUnixTime_GivesEventTime(string suffix, long expectedMs)
    {
        CollectingSink.DecodeLines(Some.PositionSentence + suffix).Reports.Single().EventTimeMs.Should().Be(expectedMs);
    }

    [Fact]
    public void DecodeLine_GatehouseLineBefore_GivesTheNextSentenceItsTime()
    {
        var sink = CollectingSink.DecodeLines("$PGHP,1,2013,3,18,9,19,9,499,219,,2190048,1,28*23", Some.PositionSentence, Some.PositionSentence);

        sink.Reports[0].EventTimeMs.Should().Be(new DateTimeOffset(2013, 3, 18, 9, 19, 9, 499, TimeSpan.Zero).ToUnixTimeMilliseconds());
        sink.Reports[1].EventTimeMs.Should().BeNull("a Gatehouse time belongs to the one sentence after it");
    }

    [Fact]
    public void DecodeLine_TagTimeBeatsTrailingTime()
    {
        CollectingSink.DecodeLines(Some.Tag("c:1418172113") + Some.PositionSentence + ",1500000000").Reports.Single().EventTimeMs.Should().Be(1418172113000);
    }

    [Fact]
    public void DecodeLine_NoTimeOnLine_UsesFallback()
    {
        var sink = new CollectingSink();
        new NmeaDecoder().DecodeLine(Encoding.ASCII.GetBytes(Some.PositionSentence), 7, 1_700_000_000_123, sink);

        sink.Reports.Single().Should().Match<AisReport>(r => r.EventTimeMs == 1_700_000_000_123 && r.Line == 7);
    }

    [Fact]
    public void DecodeLine_TwoFragments_ReassembledWithFirstLine()
    {
        var sink = CollectingSink.DecodeLines("# header", Type5Part1, Type5Part2);

        var report = sink.Reports.Single();
        report.Should().Match<AisReport>(r => r.MessageType == 5 && r.Line == 2 && r.Name == "SEA ENTERPRISE" && r.Callsign == "HP6683" && r.Mmsi == 371255000);
    }

    [Fact]
    public void DecodeLine_FragmentsOutOfOrder_Reassembled()
    {
        var inOrder = CollectingSink.DecodeLines(Type5Part1, Type5Part2).Reports.Single();

        var reversed = CollectingSink.DecodeLines(Type5Part2, Type5Part1).Reports.Single();

        reversed.Should().Be(inOrder with { Line = 2 });
    }

    [Fact]
    public void DecodeLine_InterleavedGroupsAndSingles_EachReassembled()
    {
        var other1 = Type5Part1.Replace(",9,B,", ",3,B,", StringComparison.Ordinal);
        var other2 = Type5Part2.Replace(",9,B,", ",3,B,", StringComparison.Ordinal);
        var lines = new[] { Type5Part1, Some.PositionSentence, Fix(other1), Fix(other2), Some.PositionSentence, Type5Part2 };

        var sink = CollectingSink.DecodeLines(lines);

        sink.Rejects.Should().BeEmpty();
        sink.Reports.Select(r => (r.MessageType, r.Line)).Should().Equal((1, 2L), (5, 3L), (1, 5L), (5, 1L));
    }

    [Fact]
    public void DecodeLine_TagGroupWithoutSourceOnSecondFragment_Reassembled()
    {
        var first = Some.Tag("g:1-2-3985,s:rEV02,c:1334337317") + "!AIVDM,2,1,9,B,58KvN<42ACikUKW77F1H4hF0<PTp622222222216`0`cF5BF0RT13H0T,0*70";
        var second = Some.Tag("g:2-2-3985") + "!AIVDM,2,2,9,B,PFRC88888888880,2*29";

        var report = CollectingSink.DecodeLines(first, Some.PositionSentence, second).Reports.Last();

        report.Should().Match<AisReport>(r => r.MessageType == 5 && r.Source == "rEV02" && r.EventTimeMs == 1334337317000 && r.Line == 1);
    }

    [Fact]
    public void DecodeLine_Nmea40GroupSyntax_Reassembled()
    {
        var sink = CollectingSink.DecodeLines(
            "\\1G2:0125,c:1354719387*0D\\!AIVDM,2,1,4,A,539LiHP2;42`@pE<000<tq@V1<TpL4000000001?1SV@@73R0J0TQCAD,0*1E",
            "\\2G2:0125*7B\\!AIVDM,2,2,4,A,R0EQCP000000000,2*45");

        sink.Rejects.Should().BeEmpty();
        sink.Reports.Should().ContainSingle().Which.Should().Match<AisReport>(r => r.MessageType == 5 && r.EventTimeMs == 1354719387000);
    }

    [Fact]
    public void DecodeLine_TagBlockWithPlaceholderChecksum_ReadAndCounted()
    {
        var decoder = new NmeaDecoder();
        var sink = new CollectingSink();

        decoder.DecodeLine("\\c:1420030798*00\\!ABVDM,1,1,4,B,17P;HV?P008F98Il;EC1mOwL0@KP,0*22"u8, 1, null, sink);

        sink.Reports.Should().ContainSingle().Which.EventTimeMs.Should().Be(1420030798000);
        decoder.Statistics.UncheckedTagBlocks.Should().Be(1);
    }

    [Fact]
    public void DecodeLine_FragmentOlderThanExpiryLines_RejectedBeforeEndOfInput()
    {
        var decoder = new NmeaDecoder(new NmeaDecoderOptions { FragmentExpiryLines = 10 });
        var sink = new CollectingSink();
        decoder.DecodeLine(Encoding.ASCII.GetBytes(Type5Part1), 1, null, sink);
        for (var line = 2; line <= 200; line++)
        {
            decoder.DecodeLine(Encoding.ASCII.GetBytes(Some.PositionSentence), line, null, sink);
        }

        sink.Rejects.Should().ContainSingle().Which.Should().Match<DecodeReject>(r => r.Reason == RejectReason.ExpiredFragments && r.Line == 1);
        decoder.Statistics.PendingGroups.Should().Be(0);
    }

    [Fact]
    public void DecodeLine_FragmentOlderThanExpiryTime_Rejected()
    {
        var decoder = new NmeaDecoder(new NmeaDecoderOptions { FragmentExpiryMs = 30_000 });
        var sink = new CollectingSink();
        decoder.DecodeLine(Encoding.ASCII.GetBytes(Some.Tag("c:1000000000") + Type5Part1), 1, null, sink);
        for (var line = 2; line <= 200; line++)
        {
            decoder.DecodeLine(Encoding.ASCII.GetBytes(Some.Tag($"c:{1000000000 + line}") + Some.PositionSentence), line, null, sink);
        }

        sink.Rejects.Should().ContainSingle().Which.Reason.Should().Be(RejectReason.ExpiredFragments);
    }

    [Fact]
    public void DecodeLine_ManyOrphans_MemoryBoundedByMaxPendingGroups()
    {
        var decoder = new NmeaDecoder(new NmeaDecoderOptions { MaxPendingGroups = 8, FragmentExpiryLines = int.MaxValue });
        var sink = new CollectingSink();
        for (var i = 0; i < 1000; i++)
        {
            var tag = Some.Tag($"g:1-2-{i},s:x");
            decoder.DecodeLine(Encoding.ASCII.GetBytes(tag + Type5Part1), i + 1, null, sink);
            decoder.Statistics.PendingGroups.Should().BeLessThanOrEqualTo(8);
        }

        sink.Rejects.Should().HaveCount(1000 - 8).And.OnlyContain(r => r.Reason == RejectReason.ExpiredFragments);
        decoder.Flush(sink);
        sink.Rejects.Should().HaveCount(1000);
    }

    [Fact]
    public void DecodeLine_AfterPayloadWithLateInvalidCharacter_NextLineDecodesClean()
    {
        var bad = Some.Sentence("AIVDM,1,1,,A,wwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwww~,0");
        var fresh = CollectingSink.DecodeLines(Some.PositionSentence).Reports.Single();

        var sink = CollectingSink.DecodeLines(bad, Some.PositionSentence);

        sink.Rejects.Should().ContainSingle().Which.Reason.Should().Be(RejectReason.InvalidCharacter);
        sink.Reports.Single().Should().Be(fresh with { Line = 2 });
    }

    [Fact]
    public void Decode_NotAvailableCodes_BecomeNull()
    {
        var line = Some.Vdm(Some.Type1(rot: -128, sog: 1023, lon: 181 * 600_000, lat: 91 * 600_000, cog: 3600, heading: 511, second: 60));

        var r = CollectingSink.DecodeLines(line).Reports.Single();

        (r.RateOfTurn, r.RateOfTurnAis, r.SpeedKnots, r.Longitude, r.Latitude, r.CourseDegrees, r.HeadingDegrees, r.Second)
            .Should().Be((null, null, null, null, null, null, null, null));
        r.IsPositionReport.Should().BeFalse();
    }

    [Fact]
    public void Decode_AvailableValues_ScaledToUnits()
    {
        var line = Some.Vdm(Some.Type1(rot: -127, sog: 1022, lon: -108_000_000, lat: 54_000_000, cog: 3599, heading: 359, second: 61));

        var r = CollectingSink.DecodeLines(line).Reports.Single();

        r.RateOfTurnAis.Should().Be(-127);
        r.RateOfTurn.Should().BeApproximately(-720.0, 0.1);
        (r.SpeedKnots, r.Longitude, r.Latitude, r.CourseDegrees, r.HeadingDegrees, r.Second).Should().Be((102.2, -180.0, 90.0, 359.9, 359, 61));
        r.IsPositionReport.Should().BeTrue();
    }

    [Fact]
    public void Decode_ShortPositionReport_FieldsPastTheEndAreNull()
    {
        var line = Some.Vdm(Some.Type1(bits: 120));

        var r = CollectingSink.DecodeLines(line).Reports.Single();

        r.Latitude.Should().Be(5.0);
        r.CourseDegrees.Should().BeNull("bits 116-127 are cut off");
        (r.HeadingDegrees, r.Second, r.RadioStatus).Should().Be((null, null, null));
        r.PayloadBits.Should().Be(120);
    }

    [Fact]
    public void Decode_SixBitText_TrimmedOfAtSignsAndTrailingSpaces()
    {
        var payload = Some.Payload([(24, 6), (0, 2), (211000001, 30), (0, 2), .. SixBit("AB C  @@XY@@@@@@@@@@")]);

        var r = CollectingSink.DecodeLines(Some.Vdm(payload)).Reports.Single();

        r.Name.Should().Be("AB C");
        r.PartNumber.Should().Be(0);
    }

    [Fact]
    public void Decode_UnhandledType_EmittedWithTypeAndMmsi()
    {
        var payload = Some.Payload((8, 6), (0, 2), (366999712, 30), (0, 40));

        var r = CollectingSink.DecodeLines(Some.Vdm(payload)).Reports.Single();

        (r.MessageType, r.Mmsi, r.Latitude).Should().Be((8, 366999712, null));
    }

    private static string Fix(string line) => Some.Sentence(line[1..line.IndexOf('*', StringComparison.Ordinal)]);

    /// <summary>Characters as 6-bit fields ('@' = 0, 'A' = 1, ' ' = 32).</summary>
    private static IEnumerable<(long Value, int Width)> SixBit(string text) => text.Select(c => ((long)(c >= 64 ? c - 64 : c), 6));
}
