using System.Text;
using Confluent.Kafka;

namespace EDTF.Streaming.Kafka.Tests;

public sealed class RecordTimestampLimitTests
{
    private const string Sentence = "!AIVDM,1,1,,B,13F?Vv700<DJuLEtvep`iToV0<00,0*78";

    [Theory]
    [InlineData(-1L)]
    [InlineData(0L)]
    [InlineData(-7_200_000L)]
    [InlineData(9_000_000_000_000_000L)]
    public void Decode_ImplausibleRecordTimestamp_ReportHasNoEventTime(long timestampMs)
    {
        var decoder = new RecordDecoder();

        decoder.Decode(Encoding.ASCII.GetBytes(Sentence), timestampMs);

        decoder.Reports.Should().ContainSingle().Which.EventTimeMs.Should().BeNull("a record timestamp outside 2000-2100 is no event time");
    }

    [Fact]
    public void Decode_PlausibleRecordTimestamp_IsTheEventTime()
    {
        var decoder = new RecordDecoder();

        decoder.Decode(Encoding.ASCII.GetBytes(Sentence), 1_772_323_200_000);

        decoder.Reports.Should().ContainSingle().Which.EventTimeMs.Should().Be(1_772_323_200_000);
    }

    [Theory]
    [InlineData(-1L, null)]
    [InlineData(4_102_444_800_000L, null)]
    [InlineData(1_772_323_200_000L, 1_772_323_200_000L)]
    public void FallbackTime_RecordTimestamp_UsedOnlyWithin2000To2100(long timestampMs, long? expected)
    {
        AisJsonRecord.FallbackTime(new Timestamp(timestampMs, TimestampType.CreateTime)).Should().Be(expected);
    }
}
