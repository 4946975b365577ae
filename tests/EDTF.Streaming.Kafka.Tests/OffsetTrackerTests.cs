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
        tracker.Drain((p, next) => stored.Add((p, next)));
        stored.Should().BeEmpty("the first output is not acknowledged yet");

        tracker.Acknowledge(a1, success: true);
        tracker.Drain((p, next) => stored.Add((p, next)));
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

        tracker.Drain((p, _) => stored.Add(p));

        stored.Should().Equal(1);
    }

    [Fact]
    public void Drain_RecordHoldingPendingFragment_ItAndLaterRecordsOfItsPartitionWaitOthersStored()
    {
        var tracker = new OffsetTracker();
        var hold = new FragmentHold();
        tracker.Released(partition: 0, offset: 10, consumedTimestamp: 0, holds: hold);
        tracker.Released(partition: 0, offset: 11, consumedTimestamp: 0);
        tracker.Released(partition: 1, offset: 20, consumedTimestamp: 0);
        var stored = new List<(int, long)>();
        var acknowledged = 0;

        tracker.Drain((p, next) => stored.Add((p, next)), _ => acknowledged++);

        stored.Should().Equal((1, 21L));
        acknowledged.Should().Be(3, "latency is measured to the outputs' acknowledgement; only the offset waits");
        tracker.Held.Should().Be(2);
        tracker.Waiting.Should().Be(2);

        hold.Release();
        tracker.Drain((p, next) => stored.Add((p, next)));

        stored.Should().Equal((1, 21L), (0, 11L), (0, 12L));
        tracker.Waiting.Should().Be(0);
    }

    [Fact]
    public void Drain_CompletingRecordOutputsAcknowledged_ReleasesTheRecordThatCarriedTheFirstFragment()
    {
        var tracker = new OffsetTracker();
        var message = new FragmentHold();
        tracker.Released(partition: 0, offset: 10, consumedTimestamp: 0, holds: message);
        var alert = tracker.Issue(); // the completed message's report raised an alert
        tracker.Released(partition: 1, offset: 20, consumedTimestamp: 0, completes: message);
        var stored = new List<(int, long)>();

        tracker.Drain((p, next) => stored.Add((p, next)));
        stored.Should().BeEmpty();
        message.IsReleased.Should().BeFalse("the completing record's alert is not acknowledged yet");

        tracker.Acknowledge(alert, success: true);
        tracker.Drain((p, next) => stored.Add((p, next)));

        message.IsReleased.Should().BeTrue();
        stored.Should().BeEquivalentTo([(1, 21L), (0, 11L)]);
    }

    [Fact]
    public void Drain_MessagesCrossingTwoPartitionsBothWays_NoRecordWaitsForever()
    {
        // a1 carries message G1's first fragment, completed by b2; b1 carries G2's, completed by a2. Offsets are stored in
        // partition order, so waiting for the completing record to be *stored* would deadlock; its outputs acknowledged suffice.
        var tracker = new OffsetTracker();
        var g1 = new FragmentHold();
        var g2 = new FragmentHold();
        tracker.Released(0, 1, 0, holds: g1);
        tracker.Released(1, 1, 0, holds: g2);
        tracker.Released(0, 2, 0, completes: g2);
        tracker.Released(1, 2, 0, completes: g1);
        var stored = new List<(int, long)>();

        tracker.Drain((p, next) => stored.Add((p, next)));

        stored.Should().BeEquivalentTo([(0, 2L), (0, 3L), (1, 2L), (1, 3L)]);
        tracker.Waiting.Should().Be(0);
    }

    [Fact]
    public void Forget_PartitionWhoseRecordWouldCompleteAMessage_LetsTheMessageGo()
    {
        var tracker = new OffsetTracker();
        var message = new FragmentHold();
        tracker.Released(0, 5, 0, holds: message);
        var alert = tracker.Issue();
        tracker.Released(1, 7, 0, completes: message);
        tracker.Forget(1);

        message.IsReleased.Should().BeTrue("partition 1's next owner reads the completing record again, without this fragment");
        tracker.Acknowledge(alert, success: true);
        var stored = new List<(int, long)>();
        tracker.Drain((p, next) => stored.Add((p, next)));
        stored.Should().Equal((0, 6L));
    }
}
