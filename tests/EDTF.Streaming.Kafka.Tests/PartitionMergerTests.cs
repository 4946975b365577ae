using EDTF.Streaming.Ais;
using Microsoft.Extensions.Time.Testing;

namespace EDTF.Streaming.Kafka.Tests;

public sealed class PartitionMergerTests
{
    private static readonly TimeSpan IdleAfter = TimeSpan.FromSeconds(30);

    [Fact]
    public void TryRelease_PartitionWithoutRecordsNotAtEnd_HoldsEveryRecordBack()
    {
        var merger = new PartitionMerger();
        merger.Add(0);
        merger.Add(1);
        merger.Enqueue(Record(0, 0, 1000));

        merger.TryRelease(out _).Should().BeFalse("partition 1 may still deliver an earlier report");

        merger.MarkEnd(1);
        merger.TryRelease(out var released).Should().BeTrue();
        released.Offset.Should().Be(0);
    }

    [Fact]
    public void TryRelease_SeveralPartitions_ReleasesSmallestEventTimeFirst()
    {
        var merger = new PartitionMerger();
        merger.Enqueue(Record(0, 0, 5000));
        merger.Enqueue(Record(0, 1, 9000));
        merger.Enqueue(Record(1, 0, 1000));
        merger.Enqueue(Record(1, 1, 7000));
        merger.MarkEnd(0);
        merger.MarkEnd(1);

        var order = new List<(int, long)>();
        while (merger.TryRelease(out var r))
        {
            order.Add((r.Partition, r.Report(0).EventTimeMs!.Value));
        }

        order.Should().Equal((1, 1000), (0, 5000), (1, 7000), (0, 9000));
        merger.Queued.Should().Be(0);
        merger.IsIdle(0).Should().BeTrue();
    }

    [Fact]
    public void Enqueue_AfterEnd_PartitionHoldsTheMergeAgainOnceDrained()
    {
        var merger = new PartitionMerger();
        merger.MarkEnd(0);
        merger.Enqueue(Record(1, 0, 1000));
        merger.TryRelease(out _).Should().BeTrue();

        merger.Enqueue(Record(0, 0, 2000));
        merger.IsIdle(0).Should().BeFalse();
        merger.TryRelease(out _).Should().BeFalse("partition 1 is drained but not at its end");
    }

    [Fact]
    public void TryRelease_PartitionAtEndBeforeIdleTimeout_HoldsTheMergeUntilTheTimeoutPasses()
    {
        var clock = new FakeTimeProvider();
        var merger = new PartitionMerger(clock: clock, idleAfter: IdleAfter);
        merger.Enqueue(Record(0, 0, 1000));
        merger.Enqueue(Record(1, 0, 2000));
        merger.MarkEnd(0);
        merger.Enqueue(Record(1, 1, 3000));
        merger.TryRelease(out _).Should().BeTrue("partition 0's record comes first");
        merger.TryRelease(out _).Should().BeFalse("partition 0 is at its end but may deliver more of a burst: it holds the merge");
        merger.IsIdle(0).Should().BeFalse();

        clock.Advance(IdleAfter - TimeSpan.FromMilliseconds(1));
        merger.TryRelease(out _).Should().BeFalse("not yet idle for the whole timeout");

        clock.Advance(TimeSpan.FromMilliseconds(1));
        merger.IsIdle(0).Should().BeTrue();
        merger.TryRelease(out var released).Should().BeTrue("idle now: it no longer holds the others back");
        released.Partition.Should().Be(1);
    }

    [Fact]
    public void Enqueue_IdlePartitionDeliversAgain_RejoinsAndHoldsTheMergeAtItsNextEnd()
    {
        var clock = new FakeTimeProvider();
        var merger = new PartitionMerger(clock: clock, idleAfter: IdleAfter);
        merger.MarkEnd(0);
        merger.Enqueue(Record(1, 0, 1000));
        clock.Advance(IdleAfter);
        merger.IsIdle(0).Should().BeTrue();
        merger.TryRelease(out _).Should().BeTrue();

        merger.Enqueue(Record(0, 0, 2000));
        merger.IsIdle(0).Should().BeFalse("data arrived: the partition rejoins");
        merger.TryRelease(out _).Should().BeFalse("partition 1 is not at its end and has nothing waiting");
        merger.Enqueue(Record(1, 1, 3000));
        merger.TryRelease(out var first).Should().BeTrue();
        first.Partition.Should().Be(0);

        merger.MarkEnd(0);
        merger.TryRelease(out _).Should().BeFalse("at its end again, partition 0 holds the merge for a new timeout");
        clock.Advance(IdleAfter);
        merger.TryRelease(out _).Should().BeTrue();
    }

    [Fact]
    public void Enqueue_InputResumesAfterEveryPartitionWentIdle_OthersHoldTheMergeForTheTimeoutAgain()
    {
        var clock = new FakeTimeProvider();
        var merger = new PartitionMerger(clock: clock, idleAfter: IdleAfter);
        merger.MarkEnd(0);
        merger.MarkEnd(1);
        merger.MarkEnd(2);
        clock.Advance(TimeSpan.FromMinutes(10)); // between two batches of a provider

        merger.Enqueue(Record(0, 0, 1000)); // the next batch, its first partition
        merger.IsIdle(1).Should().BeFalse("the input resumed: partition 1 gets the timeout to deliver its part of the batch");
        merger.TryRelease(out _).Should().BeFalse("partition 0's burst must not run ahead of the others");

        merger.Enqueue(Record(1, 0, 500));
        clock.Advance(IdleAfter);
        merger.TryRelease(out var first).Should().BeTrue("partition 2 delivered nothing within the timeout: idle again");
        first.Partition.Should().Be(1);
    }

    [Fact]
    public void Enqueue_PartitionRejoinsWhileOthersDeliver_PartitionsAlreadyIdleStayIdle()
    {
        var clock = new FakeTimeProvider();
        var merger = new PartitionMerger(clock: clock, idleAfter: IdleAfter);
        merger.MarkEnd(2);
        merger.Enqueue(Record(1, 0, 1000));
        merger.MarkEnd(0);
        clock.Advance(IdleAfter);
        merger.IsIdle(2).Should().BeTrue();

        merger.Enqueue(Record(0, 0, 2000));

        merger.IsIdle(2).Should().BeTrue("partition 1 is still delivering: this is no resumption after a quiet spell");
        merger.TryRelease(out _).Should().BeTrue();
    }

    [Fact]
    public void TryRelease_InputEnded_PartitionsAtTheirEndIdleAtOnce()
    {
        var clock = new FakeTimeProvider();
        var merger = new PartitionMerger(clock: clock, idleAfter: IdleAfter);
        merger.MarkEnd(0);
        merger.Enqueue(Record(1, 0, 1000));
        merger.TryRelease(out _).Should().BeFalse();

        merger.EndInput();

        merger.TryRelease(out _).Should().BeTrue("a declared end: nothing more will come");
    }

    [Fact]
    public void TryRelease_PartitionDrainedLongAfterItsLastRecordArrived_NotIdleAtOnce()
    {
        // A backlog: partition 1's records wait in the merge for minutes; once drained it is not "silent" since they arrived.
        var clock = new FakeTimeProvider();
        var merger = new PartitionMerger(clock: clock, idleAfter: IdleAfter);
        merger.Enqueue(Record(1, 0, 1000));
        merger.Enqueue(Record(0, 0, 2000));
        clock.Advance(IdleAfter * 10);
        merger.TryRelease(out var first).Should().BeTrue();
        first.Partition.Should().Be(1);

        merger.TryRelease(out _).Should().BeFalse("partition 1 just ran empty: it may still deliver records earlier than partition 0's");
    }

    [Fact]
    public void TryRelease_PartitionSilentWithoutEof_IdleAfterFiveIdleTimeouts()
    {
        // A reconnect or failover can leave a partition at its end without a new EOF event: it must not hold the merge forever.
        var clock = new FakeTimeProvider();
        var merger = new PartitionMerger(clock: clock, idleAfter: IdleAfter);
        merger.Add(1);
        merger.Enqueue(Record(0, 0, 1000));

        clock.Advance(IdleAfter * 4);
        merger.TryRelease(out _).Should().BeFalse("partition 1 has been silent for four idle timeouts only");

        clock.Advance(IdleAfter);
        merger.TryRelease(out var released).Should().BeTrue("silent for five idle timeouts: idle, EOF or not");
        released.Offset.Should().Be(0);
    }

    private static PendingRecord Record(int partition, long offset, long timeMs) =>
        new(partition, offset, 0, [new AisReport { MessageType = 1, Mmsi = 1, EventTimeMs = timeMs }]);
}
