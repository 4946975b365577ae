using EDTF.Streaming.Ais;

namespace EDTF.Streaming.Kafka.Tests;

public sealed class PartitionMergerTests
{
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

    private static PendingRecord Record(int partition, long offset, long timeMs) =>
        new(partition, offset, 0, [new AisReport { MessageType = 1, Mmsi = 1, EventTimeMs = timeMs }]);
}
