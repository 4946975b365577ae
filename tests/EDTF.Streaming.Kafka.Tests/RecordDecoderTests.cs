using System.Text;
using EDTF.Streaming.Ais;
using EDTF.Streaming.Ais.Encoders;

namespace EDTF.Streaming.Kafka.Tests;

public sealed class RecordDecoderTests
{
    private const long T0 = 1_772_323_200;

    [Fact]
    public void Decode_FragmentsInRecordsOfTwoPartitions_FirstRecordHoldsSecondCompletesAndCarriesTheReport()
    {
        var (first, second) = StaticMessage(273_000_001, seq: 4, timeS: T0);
        var decoder = new RecordDecoder();
        decoder.AddPartition(0);
        decoder.AddPartition(1);

        decoder.Decode(Encoding.ASCII.GetBytes(first), 0, partition: 0);
        decoder.Reports.Should().BeEmpty();
        var hold = decoder.Holds.Should().ContainSingle().Subject;
        decoder.Completes.Should().BeEmpty();

        decoder.Decode(Encoding.ASCII.GetBytes(second), 0, partition: 1);
        decoder.Reports.Should().ContainSingle().Which.Should().Match<AisReport>(r => r.MessageType == 5 && r.Mmsi == 273_000_001);
        decoder.Holds.Should().BeEmpty();
        decoder.Completes.Should().ContainSingle().Which.Should().BeSameAs(hold);
        hold.IsReleased.Should().BeFalse("released only once the completing record went through the pipeline");
    }

    [Fact]
    public void Decode_WholeMessageInOneRecord_HoldsNothing()
    {
        var (first, second) = StaticMessage(273_000_002, seq: 1, timeS: T0);
        var decoder = new RecordDecoder();

        decoder.Decode(Encoding.ASCII.GetBytes(first + "\n" + second), 0, partition: 3);

        decoder.Reports.Should().ContainSingle();
        decoder.Holds.Should().BeEmpty();
        decoder.Rejects.Should().BeEmpty();
    }

    [Fact]
    public void ExpirePendingFragments_InputQuiet_RejectsThemAndReleasesTheirHolds()
    {
        var (first, _) = StaticMessage(273_000_003, seq: 2, timeS: T0);
        var decoder = new RecordDecoder();
        decoder.AddPartition(0);
        decoder.Decode(Encoding.ASCII.GetBytes(first), 0, partition: 0);
        var hold = decoder.Holds.Single();
        decoder.QuietWithPendingFragments.Should().BeFalse("partition 0 is not at its end");

        decoder.PartitionAtEnd(0);
        decoder.QuietWithPendingFragments.Should().BeTrue();
        decoder.ExpirePendingFragments();

        decoder.Rejects.Should().ContainSingle().Which.Reason.Should().Be(RejectReason.ExpiredFragments);
        hold.IsReleased.Should().BeTrue();
        decoder.QuietWithPendingFragments.Should().BeFalse();
    }

    private static (string First, string Second) StaticMessage(int mmsi, int seq, long timeS)
    {
        var payload = AisEncoder.EncodeStaticAndVoyage(new AisReport { MessageType = 5, Mmsi = mmsi, Imo = 8_660_313, Name = "TEST", ShipType = 80 });
        var sentences = AisEncoder.ToSentences(payload, 'B', seq);
        var tag = AisEncoder.TagBlock(timeS, "rx41n132e");
        return (tag + sentences[0], tag + sentences[1]);
    }
}
