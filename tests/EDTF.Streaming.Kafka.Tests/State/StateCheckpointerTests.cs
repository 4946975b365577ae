using EDTF.Streaming.Detection;
using EDTF.Streaming.Kafka.State;
using EDTF.Streaming.Tests;

namespace EDTF.Streaming.Kafka.Tests.State;

/// <summary>The order of a snapshot's life: taken, written only once the outputs before it are acknowledged, offsets handed out only once the topic acknowledged it.</summary>
public sealed class StateCheckpointerTests : IDisposable
{
    private readonly EmbeddedBroker _broker = EmbeddedBroker.Start(new EmbeddedBrokerOptions { Port = 0, Partitions = 3, Topics = ["in.state"] });

    public void Dispose() => _broker.Dispose();

    [Fact]
    public async Task Round_OutputUnacknowledged_SnapshotWaitsThenWrittenThenOffsetsHandedOut()
    {
        var kafka = new KafkaOptions { BootstrapServers = _broker.BootstrapServers, InputTopic = "in", GroupId = "g" };
        var options = new StateOptions { Topic = "in.state", SnapshotIntervalSeconds = 0.001 };
        using var topic = new StateTopic(kafka, options, _ => { });
        var tracker = new OffsetTracker();
        var checkpointer = new StateCheckpointer(options, topic, tracker, NullStateMetrics.Instance, TimeProvider.System, _ => { }, _ => { });
        var pipeline = new DetectionPipeline(new DetectionOptions(), Watchlist.Empty, PortAreas.Empty, _ => { });
        checkpointer.Assigned(new Dictionary<int, long> { [0] = 0, [1] = 0 });
        checkpointer.Entered(0, 41, holds: null);
        checkpointer.Entered(1, 7, holds: null);
        var alert = tracker.Issue(); // an alert produced before the snapshot, not yet acknowledged

        await Task.Delay(5);
        checkpointer.Round(pipeline);
        checkpointer.Round(pipeline);
        topic.Flush(TimeSpan.FromSeconds(5));

        checkpointer.TakeDurable().Should().BeNull("nothing may count as done before the alert is acknowledged");
        topic.FindNewest(new HashSet<int> { 0, 1 }, out _, out _, out _).Should().BeNull("the snapshot is not on the topic yet");

        tracker.Acknowledge(alert, success: true);
        tracker.Drain((_, _) => { });
        var (offsets, done) = await DurableAsync(checkpointer, topic, pipeline);

        done.Should().BeTrue();
        offsets.Should().BeEquivalentTo(new Dictionary<int, long> { [0] = 42, [1] = 8 }, "the next offset of what entered the pipeline");
        var found = topic.FindNewest(new HashSet<int> { 1 }, out var covers, out _, out _);
        found.Should().NotBeNull();
        covers.Should().BeEquivalentTo([0, 1]);
        found!.Offsets.Should().BeEquivalentTo(offsets);
        DetectionPipeline.Restore(new MemoryStream(found.Bytes), new DetectionOptions(), Watchlist.Empty, PortAreas.Empty, _ => { }).Should().NotBeNull();
    }

    [Fact]
    public async Task Round_EnteredRecordHoldsAnIncompleteMessage_NoSnapshotUntilReleased()
    {
        var kafka = new KafkaOptions { BootstrapServers = _broker.BootstrapServers, InputTopic = "in", GroupId = "held" };
        var options = new StateOptions { Topic = "in.state", SnapshotIntervalSeconds = 0.001 };
        using var topic = new StateTopic(kafka, options, _ => { });
        var checkpointer = new StateCheckpointer(options, topic, new OffsetTracker(), NullStateMetrics.Instance, TimeProvider.System, _ => { }, _ => { });
        var pipeline = new DetectionPipeline(new DetectionOptions(), Watchlist.Empty, PortAreas.Empty, _ => { });
        var hold = new FragmentHold();
        checkpointer.Assigned(new Dictionary<int, long> { [0] = 0 });
        checkpointer.Entered(0, 3, hold);

        await Task.Delay(5);
        checkpointer.Round(pipeline);
        topic.Flush(TimeSpan.FromSeconds(5));
        checkpointer.Round(pipeline);
        checkpointer.TakeDurable().Should().BeNull("a restart after it would lose the message's first fragment");

        hold.Release();
        var (offsets, done) = await DurableAsync(checkpointer, topic, pipeline);
        done.Should().BeTrue();
        offsets.Should().BeEquivalentTo(new Dictionary<int, long> { [0] = 4 });
    }

    /// <summary>Goes round until a snapshot is durable; its offsets.</summary>
    private static Task<(Dictionary<int, long>? Offsets, bool Done)> DurableAsync(StateCheckpointer checkpointer, StateTopic topic, DetectionPipeline pipeline) =>
        Eventually.PollAsync(
            () =>
            {
                checkpointer.Round(pipeline);
                topic.Flush(TimeSpan.FromMilliseconds(50));
                return checkpointer.TakeDurable();
            },
            o => o is not null,
            TimeSpan.FromSeconds(10));
}
