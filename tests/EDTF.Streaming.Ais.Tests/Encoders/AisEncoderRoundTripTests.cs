using EDTF.Streaming.Ais.Encoders;
using EDTF.Streaming.Ais.Tests.Support;

namespace EDTF.Streaming.Ais.Tests.Encoders;

/// <summary>Encoder output read back by the product decoder (<see cref="NmeaDecoder"/>), field by field, on many seeded random reports.</summary>
public sealed class AisEncoderRoundTripTests
{
    [Fact]
    public void EncodePosition_RandomReportsWithTagBlocks_DecoderReadsBackEveryField()
    {
        var random = new Random(1371);
        for (var i = 0; i < 500; i++)
        {
            var sent = new AisReport
            {
                MessageType = random.Next(1, 4),
                Mmsi = random.Next(100_000_000, 999_999_999),
                NavStatus = random.Next(0, 16),
                SpeedKnots = Math.Round(random.NextDouble() * 102.2, 1),
                Latitude = Math.Round((random.NextDouble() * 180) - 90, 5),
                Longitude = Math.Round((random.NextDouble() * 360) - 180, 5),
                CourseDegrees = Math.Round(random.NextDouble() * 359.9, 1),
                HeadingDegrees = random.Next(0, 360),
                Second = random.Next(0, 60),
                PositionAccuracy = random.Next(2) == 1,
            };
            var seconds = 1_772_323_200L + random.Next(0, 86_400);
            var line = AisEncoder.TagBlock(seconds, "rx1") + AisEncoder.ToSentences(AisEncoder.EncodePosition(sent), 'A', 0).Single();

            var sink = CollectingSink.DecodeLines(line);

            sink.Rejects.Should().BeEmpty(line);
            var got = sink.Reports.Should().ContainSingle().Subject;
            got.MessageType.Should().Be(sent.MessageType, line);
            got.Mmsi.Should().Be(sent.Mmsi);
            got.EventTimeMs.Should().Be(seconds * 1000);
            got.Source.Should().Be("rx1");
            got.NavStatus.Should().Be(sent.NavStatus);
            got.SpeedKnots!.Value.Should().BeApproximately(sent.SpeedKnots!.Value, 0.051);
            got.Latitude!.Value.Should().BeApproximately(sent.Latitude!.Value, 1.0 / 600_000);
            got.Longitude!.Value.Should().BeApproximately(sent.Longitude!.Value, 1.0 / 600_000);
            got.CourseDegrees!.Value.Should().BeApproximately(sent.CourseDegrees!.Value, 0.051);
            got.HeadingDegrees.Should().Be(sent.HeadingDegrees);
            got.Second.Should().Be(sent.Second);
            got.PositionAccuracy.Should().Be(sent.PositionAccuracy);
        }
    }

    [Fact]
    public void EncodeStaticAndVoyage_TwoSentencesWithTagBlocks_DecoderReassemblesEveryField()
    {
        var sent = new AisReport
        {
            MessageType = 5,
            Mmsi = 445000123,
            Imo = 8122347,
            Callsign = "HMZJ",
            Name = "NAM SAN 8",
            ShipType = 80,
            ToBow = 80,
            ToStern = 24,
            ToPort = 7,
            ToStarboard = 8,
            EtaMonth = 3,
            EtaDay = 2,
            EtaHour = 8,
            EtaMinute = 0,
            DraughtMeters = 8.1,
            Destination = "VOSTOCHNY",
        };
        var tag = AisEncoder.TagBlock(1_772_330_000, "rx42n133e");
        var lines = AisEncoder.ToSentences(AisEncoder.EncodeStaticAndVoyage(sent), 'B', 4).Select(s => tag + s).ToArray();

        var sink = CollectingSink.DecodeLines(lines);

        sink.Rejects.Should().BeEmpty();
        var got = sink.Reports.Should().ContainSingle().Subject;
        got.Should().BeEquivalentTo(sent, o => o
            .Including(r => r.MessageType).Including(r => r.Mmsi).Including(r => r.Imo).Including(r => r.Callsign).Including(r => r.Name)
            .Including(r => r.ShipType).Including(r => r.ToBow).Including(r => r.ToStern).Including(r => r.ToPort).Including(r => r.ToStarboard)
            .Including(r => r.EtaMonth).Including(r => r.EtaDay).Including(r => r.EtaHour).Including(r => r.EtaMinute)
            .Including(r => r.DraughtMeters).Including(r => r.Destination));
        got.EventTimeMs.Should().Be(1_772_330_000_000);
        got.Line.Should().Be(1);
    }

    [Fact]
    public void EncodePosition_NotAvailableValues_DecoderReadsNulls()
    {
        var line = AisEncoder.ToSentences(AisEncoder.EncodePosition(new AisReport { MessageType = 1, Mmsi = 431000001 }), 'A', 0).Single();

        var got = CollectingSink.DecodeLines(line).Reports.Should().ContainSingle().Subject;

        got.Latitude.Should().BeNull();
        got.Longitude.Should().BeNull();
        got.SpeedKnots.Should().BeNull();
        got.CourseDegrees.Should().BeNull();
        got.HeadingDegrees.Should().BeNull();
        got.Second.Should().BeNull();
    }

    [Fact]
    public void DecodeLine_AfterLineWithInvalidPayloadCharacter_NextMessageDecodesUnchanged()
    {
        // Found by the simulator's noise: an invalid character behind a correct checksum left its partial bits in the
        // decoder's buffer, and they were OR-ed into the next message (a phantom MMSI and position).
        var good = new AisReport { MessageType = 1, Mmsi = 353957381, NavStatus = 0, SpeedKnots = 9.1, Latitude = 42.3016, Longitude = 131.681, CourseDegrees = 79.6, HeadingDegrees = 79, Second = 13 };
        var goodLine = AisEncoder.ToSentences(AisEncoder.EncodePosition(good), 'B', 0).Single();
        var payload = AisEncoder.EncodePosition(good with { Mmsi = 412864523, Longitude = 132.93 }).Armored.ToCharArray();
        payload[12] = 'x';
        var body = $"AIVDM,1,1,,B,{new string(payload)},0";
        var badLine = $"!{body}*{AisEncoder.Checksum(body):X2}";

        var sink = CollectingSink.DecodeLines(badLine, goodLine);

        sink.Rejects.Should().ContainSingle().Which.Reason.Should().Be(RejectReason.InvalidCharacter);
        var got = sink.Reports.Should().ContainSingle().Subject;
        got.Mmsi.Should().Be(353957381);
        got.Longitude!.Value.Should().BeApproximately(131.681, 1e-5);
    }
}
