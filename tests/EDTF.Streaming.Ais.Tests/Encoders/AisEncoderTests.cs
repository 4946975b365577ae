using EDTF.Streaming.Ais.Encoders;

namespace EDTF.Streaming.Ais.Tests.Encoders;

public sealed class AisEncoderTests
{
    private static readonly AisReport Position = new()
    {
        MessageType = 1,
        Mmsi = 445123456,
        NavStatus = 0,
        RateOfTurn = null,
        SpeedKnots = 11.3,
        PositionAccuracy = true,
        Latitude = 42.756789,
        Longitude = 133.021234,
        CourseDegrees = 271.4,
        HeadingDegrees = 270,
        Second = 37,
    };

    private static readonly AisReport Static = new()
    {
        MessageType = 5,
        Mmsi = 667001234,
        Imo = 8106496,
        Callsign = "9LY2345",
        Name = "SAM MA 2",
        ShipType = 80,
        ToBow = 70,
        ToStern = 20,
        ToPort = 8,
        ToStarboard = 6,
        EtaMonth = 3,
        EtaDay = 14,
        EtaHour = 6,
        EtaMinute = 30,
        DraughtMeters = 7.4,
        Destination = "NAKHODKA",
    };

    [Fact]
    public void EncodePosition_KnownReport_BitFieldsReadBackByIndependentReader()
    {
        var payload = AisEncoder.EncodePosition(Position);

        payload.Armored.Should().HaveLength(28);
        payload.FillBits.Should().Be(0);
        var r = new PayloadBitReader(payload.Armored, payload.FillBits);
        r.Length.Should().Be(168);
        r.Unsigned(6).Should().Be(1);
        r.Unsigned(2).Should().Be(0);
        r.Unsigned(30).Should().Be(445123456);
        r.Unsigned(4).Should().Be(0);
        r.Signed(8).Should().Be(-128);
        r.Unsigned(10).Should().Be(113);
        r.Unsigned(1).Should().Be(1);
        (r.Signed(28) / 600_000.0).Should().BeApproximately(133.021234, 1e-6);
        (r.Signed(27) / 600_000.0).Should().BeApproximately(42.756789, 1e-6);
        r.Unsigned(12).Should().Be(2714);
        r.Unsigned(9).Should().Be(270);
        r.Unsigned(6).Should().Be(37);
    }

    [Fact]
    public void EncodePosition_SouthWestAndNotAvailable_WritesNegativeCoordinatesAndSentinels()
    {
        var report = new AisReport { MessageType = 3, Mmsi = 431000001, Latitude = -33.5, Longitude = -70.25 };

        var r = new PayloadBitReader(AisEncoder.EncodePosition(report).Armored, 0);

        r.Unsigned(6).Should().Be(3);
        r.Skip(2 + 30);
        r.Unsigned(4).Should().Be(15);
        r.Skip(8);
        r.Unsigned(10).Should().Be(1023);
        r.Skip(1);
        r.Signed(28).Should().Be(-42_150_000);
        r.Signed(27).Should().Be(-20_100_000);
        r.Unsigned(12).Should().Be(3600);
        r.Unsigned(9).Should().Be(511);
        r.Unsigned(6).Should().Be(60);
    }

    [Fact]
    public void EncodeStaticAndVoyage_KnownReport_424BitsWithTwoFillBitsAndFieldsReadBack()
    {
        var payload = AisEncoder.EncodeStaticAndVoyage(Static);

        payload.Armored.Should().HaveLength(71);
        payload.FillBits.Should().Be(2);
        var r = new PayloadBitReader(payload.Armored, payload.FillBits);
        r.Length.Should().Be(424);
        r.Unsigned(6).Should().Be(5);
        r.Skip(2);
        r.Unsigned(30).Should().Be(667001234);
        r.Skip(2);
        r.Unsigned(30).Should().Be(8106496);
        r.Text(7).Should().Be("9LY2345");
        r.Text(20).Should().Be("SAM MA 2");
        r.Unsigned(8).Should().Be(80);
        r.Unsigned(9).Should().Be(70);
        r.Unsigned(9).Should().Be(20);
        r.Unsigned(6).Should().Be(8);
        r.Unsigned(6).Should().Be(6);
        r.Unsigned(4).Should().Be(1);
        r.Unsigned(4).Should().Be(3);
        r.Unsigned(5).Should().Be(14);
        r.Unsigned(5).Should().Be(6);
        r.Unsigned(6).Should().Be(30);
        r.Unsigned(8).Should().Be(74);
        r.Text(20).Should().Be("NAKHODKA");
    }

    [Fact]
    public void ToSentences_StaticReport_TwoSentencesWithSequenceIdFillOnLastAndValidChecksums()
    {
        var payload = AisEncoder.EncodeStaticAndVoyage(Static);

        var sentences = AisEncoder.ToSentences(payload, 'B', 7);

        sentences.Should().HaveCount(2);
        sentences[0].Should().StartWith("!AIVDM,2,1,7,B,").And.Contain(",0*");
        sentences[1].Should().StartWith("!AIVDM,2,2,7,B,").And.Contain(",2*");
        sentences.Should().OnlyContain(s => PayloadBitReader.ChecksumMatches(s));
        var joined = string.Concat(sentences.Select(s => s.Split(',')[5]));
        joined.Should().Be(payload.Armored);
    }

    [Fact]
    public void ToSentences_PositionReport_OneSentenceWithEmptySequenceId()
    {
        var sentences = AisEncoder.ToSentences(AisEncoder.EncodePosition(Position), 'A', 3);

        sentences.Should().ContainSingle().Which.Should().MatchRegex(@"^!AIVDM,1,1,,A,[0-9:;<=>?@A-W`a-w]{28},0\*[0-9A-F]{2}$");
        PayloadBitReader.ChecksumMatches(sentences[0]).Should().BeTrue();
    }

    [Fact]
    public void ToSentences_KnownGpsdSentence_ReproducesItsChecksum()
    {
        // gpsd test corpus: !AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A
        var sentences = AisEncoder.ToSentences(new AisPayload("15RTgt0PAso;90TKcjM8h6g208CQ", 0), 'A', 0);

        sentences.Should().Equal("!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A");
    }

    [Fact]
    public void TagBlock_TimeAndSource_FramedWithValidChecksum()
    {
        var tag = AisEncoder.TagBlock(1_772_323_200, "sim-r1");

        tag.Should().StartWith("\\c:1772323200,s:sim-r1*").And.EndWith("\\");
        PayloadBitReader.ChecksumMatches(tag[..^1]).Should().BeTrue();
    }

    [Fact]
    public void TagBlock_KnownValue_MatchesChecksumComputedOutsideDotnet()
    {
        // XOR of "c:1609459200,s:2573345" computed with Python: 0x09.
        AisEncoder.TagBlock(1_609_459_200, "2573345").Should().Be("\\c:1609459200,s:2573345*09\\");
    }
}
