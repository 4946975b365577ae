using Confluent.Kafka;
using Microsoft.Extensions.Time.Testing;

namespace EDTF.Streaming.Kafka.Tests.Service;

/// <summary>Where an assigned partition starts when vessel state is rebuilt (one test per rule), and the rebuild window's start.</summary>
public sealed class StartPositionTests
{
    private int _probes;

    [Fact]
    public void StartPosition_CommittedSpecial_IsUnsetWithoutProbing()
    {
        KafkaDetectionService.StartPosition(Offset.Unset, new Offset(5), Probe(true)).Should().Be(Offset.Unset);

        _probes.Should().Be(0);
    }

    [Fact]
    public void StartPosition_WindowStartsBeforeCommitted_IsTheWindowStart()
    {
        KafkaDetectionService.StartPosition(new Offset(100), new Offset(40), Probe(false)).Should().Be(new Offset(40));

        _probes.Should().Be(0);
    }

    [Fact]
    public void StartPosition_WindowStartsAfterCommitted_IsCommitted()
    {
        KafkaDetectionService.StartPosition(new Offset(100), new Offset(140), Probe(true)).Should().Be(new Offset(100));

        _probes.Should().Be(0);
    }

    [Fact]
    public void StartPosition_NoOffsetByTimeAndLastProcessedInsideWindow_IsBeginning()
    {
        KafkaDetectionService.StartPosition(new Offset(100), Offset.End, Probe(true)).Should().Be(Offset.Beginning);

        _probes.Should().Be(1);
    }

    [Fact]
    public void StartPosition_NoOffsetByTimeAndLastProcessedOutsideWindow_IsCommitted()
    {
        KafkaDetectionService.StartPosition(new Offset(100), Offset.End, Probe(false)).Should().Be(new Offset(100));

        _probes.Should().Be(1);
    }

    [Fact]
    public void StartPosition_NoOffsetByTimeAndNothingProcessed_IsCommittedWithoutProbing()
    {
        KafkaDetectionService.StartPosition(new Offset(0), Offset.End, Probe(true)).Should().Be(new Offset(0));

        _probes.Should().Be(0);
    }

    [Fact]
    public void RebuildWindowStart_FakeClock_IsNowMinusTheRebuildHours()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 3, 45, 12, 345, TimeSpan.Zero));
        clock.Advance(TimeSpan.FromMinutes(7));

        var start = KafkaDetectionService.RebuildWindowStart(clock, 48);

        start.UnixTimestampMs.Should().Be(new DateTimeOffset(2026, 11, 25, 3, 52, 12, 345, TimeSpan.Zero).ToUnixTimeMilliseconds());
        start.Type.Should().Be(TimestampType.CreateTime);
    }

    [Fact]
    public void RebuildWindowStart_FractionalHours_IsNowMinusThatSpan()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 3, 0, 0, TimeSpan.Zero));

        var start = KafkaDetectionService.RebuildWindowStart(clock, 1.5);

        start.UnixTimestampMs.Should().Be(clock.GetUtcNow().AddMinutes(-90).ToUnixTimeMilliseconds());
    }

    [Fact]
    public void RebuildWindowStart_LastRecordFromAReplayOfHistory_AnchoredAtThatRecord()
    {
        // edtf replay stamps records with their event time: months before the wall clock.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero));
        var last = new DateTime(2026, 3, 2, 6, 0, 0, DateTimeKind.Utc);

        var start = KafkaDetectionService.RebuildWindowStart(clock, 48, last);

        start.UtcDateTime.Should().Be(last.AddHours(-48), "the window is the 48 hours of the stream before the last processed record");
    }

    [Fact]
    public void RebuildWindowStart_LastRecordDatedInTheFuture_AnchoredAtNow()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero));

        var start = KafkaDetectionService.RebuildWindowStart(clock, 48, new DateTime(2099, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        start.UtcDateTime.Should().Be(clock.GetUtcNow().UtcDateTime.AddHours(-48));
    }

    private Func<bool> Probe(bool inside) => () =>
    {
        _probes++;
        return inside;
    };
}
