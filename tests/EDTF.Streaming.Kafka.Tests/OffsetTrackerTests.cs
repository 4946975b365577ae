namespace EDTF.Streaming.Kafka.Tests;

public sealed class OffsetTrackerTests
{
    [Fact]
    public void Drain_OutputsAcknowledgedOutOfOrder_StoresOnlyRecordsWhoseOutputsAreAllAcknowledged()
    {
        var tracker = new OffsetTracker();
        var a1 = tracker.Issue();
        tracker.Released(partition: 0, offset: 10, consumedTimestamp: 0);
        var a2 = tracker.Issue();
        tracker.Released(partition: 1, offset: 20, consumedTimestamp: 0);
        tracker.Released(partition: 0, offset: 11, consumedTimestamp: 0);
        var stored = new List<(int, long)>();

        tracker.Acknowledge(a2, success: true);
        tracker.Drain((p, next, _) => stored.Add((p, next)));
        stored.Should().BeEmpty("the first output is not acknowledged yet");

        tracker.Acknowledge(a1, success: true);
        tracker.Drain((p, next, _) => stored.Add((p, next)));
        stored.Should().Equal((0, 11L), (1, 21L), (0, 12L));
        tracker.Outstanding.Should().Be(0);
    }

    [Fact]
    public void Acknowledge_Failure_IsCounted()
    {
        var tracker = new OffsetTracker();
        tracker.Acknowledge(tracker.Issue(), success: false);

        tracker.Failures.Should().Be(1);
    }

    [Fact]
    public void Forget_RevokedPartition_DropsItsPendingRecords()
    {
        var tracker = new OffsetTracker();
        tracker.Released(0, 1, 0);
        tracker.Released(1, 1, 0);
        tracker.Forget(0);
        var stored = new List<int>();

        tracker.Drain((p, _, _) => stored.Add(p));

        stored.Should().Equal(1);
    }
}
