using System.Text;
using Confluent.Kafka;
using EDTF.Streaming.Ais;
using EDTF.Streaming.Kafka;

namespace EDTF.Streaming.Kafka.Tests;

public class DeadLetterMessagesTests
{
    private static DeadLetter Letter(int valueBytes, string detail = "checksum 00, computed 4F") =>
        new(Encoding.UTF8.GetBytes("445123456"), new byte[valueBytes], null, new Timestamp(1_709_251_200_000, TimestampType.CreateTime), 3, 42,
            [new DecodeReject(1, RejectReason.BadChecksum, detail, "!AIVDM...")], 1);

    private static string Header(Message<byte[]?, byte[]?> m, string key) =>
        m.Headers.TryGetLastBytes(key, out var v) ? Encoding.UTF8.GetString(v) : "(absent)";

    [Fact]
    public void Full_ValueOverTheLimit_CutAndHeadersSaySo()
    {
        var m = DeadLetterMessages.Full("ais.raw", Letter(5_000_000), maxValueBytes: 900_000);

        m.Value!.Length.Should().Be(900_000);
        Header(m, KafkaHeaderNames.DeadLetterTruncated).Should().Be("true");
        Header(m, KafkaHeaderNames.DeadLetterOriginalBytes).Should().Be("5000000");
        Header(m, KafkaHeaderNames.ErrorOffset).Should().Be("42");
    }

    [Fact]
    public void Full_ValueWithinTheLimit_UnchangedAndNotMarked()
    {
        var m = DeadLetterMessages.Full("ais.raw", Letter(100), maxValueBytes: 900_000);

        m.Value!.Length.Should().Be(100);
        Header(m, KafkaHeaderNames.DeadLetterTruncated).Should().Be("(absent)");
        Header(m, KafkaHeaderNames.ErrorReason).Should().Be("bad_checksum");
    }

    [Fact]
    public void Full_HugeRejectDetail_ErrorMessageHeaderBounded()
    {
        var m = DeadLetterMessages.Full("ais.raw", Letter(10, detail: new string('x', 3_000_000)), maxValueBytes: 900_000);

        Header(m, KafkaHeaderNames.ErrorMessage).Length.Should().BeLessThanOrEqualTo(DeadLetterMessages.MaxMessageChars + 3);
    }

    [Fact]
    public void Reference_AnyRecord_NoValueButWhereAndWhy()
    {
        var m = DeadLetterMessages.Reference("ais.raw", Letter(5_000_000));

        m.Value.Should().BeNull();
        Header(m, KafkaHeaderNames.DeadLetterReferenceOnly).Should().Be("true");
        Header(m, KafkaHeaderNames.ErrorTopic).Should().Be("ais.raw");
        Header(m, KafkaHeaderNames.ErrorPartition).Should().Be("3");
        Header(m, KafkaHeaderNames.ErrorOffset).Should().Be("42");
        Header(m, KafkaHeaderNames.DeadLetterOriginalBytes).Should().Be("5000000");
    }

    [Fact]
    public void Full_OnlyFragmentRejects_DoesNotThrow()
    {
        var letter = Letter(10) with { Rejects = [new DecodeReject(1, RejectReason.OrphanFragment, "no first fragment", "")] };

        var m = DeadLetterMessages.Full("ais.raw", letter, 900_000);

        Header(m, KafkaHeaderNames.ErrorReason).Should().Be("orphan_fragment");
    }
}

public class RecordLimitsTests
{
    [Fact]
    public void Check_RecordOverByteLimit_RecordTooLarge()
    {
        RecordLimits.Check(new byte[2_000], maxBytes: 1_000, maxLines: 10)!.Value.Reason.Should().Be(RejectReason.RecordTooLarge);
    }

    [Fact]
    public void Check_RecordOverLineLimit_TooManyLines()
    {
        var value = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("x\n", 11)));

        RecordLimits.Check(value, maxBytes: 1_000, maxLines: 10)!.Value.Reason.Should().Be(RejectReason.TooManyLines);
    }

    [Fact]
    public void Check_ExactlyAtTheLineLimitWithoutFinalNewline_Accepted()
    {
        var value = Encoding.ASCII.GetBytes(string.Join('\n', Enumerable.Repeat("x", 10)));

        RecordLimits.Check(value, maxBytes: 1_000, maxLines: 10).Should().BeNull();
    }
}
