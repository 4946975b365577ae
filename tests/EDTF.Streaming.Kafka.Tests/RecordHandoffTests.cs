namespace EDTF.Streaming.Kafka.Tests;

public sealed class RecordHandoffTests
{
    [Fact]
    public void TryTake_BatchesAdded_ComeOutInOrder()
    {
        var handoff = new RecordHandoff(capacity: 4, batchSize: 2);
        for (var i = 0; i < 3; i++)
        {
            var batch = handoff.Rent();
            batch.Add(HandoffItem.End(i));
            handoff.Add(batch, CancellationToken.None).Should().BeTrue();
        }

        var order = new List<int>();
        while (handoff.TryTake(out var batch, 0))
        {
            order.Add(batch[0].EndOfPartition);
            handoff.Return(batch);
        }

        order.Should().Equal(0, 1, 2);
    }

    [Fact]
    public async Task Add_QueueFull_WaitsUntilABatchIsTaken()
    {
        var handoff = new RecordHandoff(capacity: 1, batchSize: 1);
        handoff.Add(Batch(handoff, 1), CancellationToken.None).Should().BeTrue();

        var second = Task.Run(() => handoff.Add(Batch(handoff, 2), CancellationToken.None));
        WaitUntilWriterWaits(handoff);

        second.IsCompleted.Should().BeFalse("the writer waits for room and nothing was taken");
        handoff.Count.Should().Be(handoff.Capacity);
        handoff.TryTake(out var first, 0).Should().BeTrue();
        first[0].EndOfPartition.Should().Be(1);
        (await second.WaitAsync(TimeSpan.FromSeconds(10))).Should().BeTrue();
        handoff.TryTake(out var next, 0).Should().BeTrue();
        next[0].EndOfPartition.Should().Be(2);
    }

    [Fact]
    public void Add_QueueNotFull_DoesNotWait()
    {
        var handoff = new RecordHandoff(capacity: 2, batchSize: 1);

        handoff.Add(Batch(handoff, 1), CancellationToken.None).Should().BeTrue();

        handoff.WriterWaiting.Should().BeFalse();
        handoff.Count.Should().Be(1);
    }

    [Fact]
    public async Task Add_QueueFullThenStopped_ReturnsFalseWithoutQueueing()
    {
        var handoff = new RecordHandoff(capacity: 1, batchSize: 1);
        handoff.Add(Batch(handoff, 1), CancellationToken.None);
        using var stop = new CancellationTokenSource();

        var blocked = Task.Run(() => handoff.Add(Batch(handoff, 2), stop.Token));
        WaitUntilWriterWaits(handoff);
        stop.Cancel();

        (await blocked.WaitAsync(TimeSpan.FromSeconds(10))).Should().BeFalse();
        handoff.Count.Should().Be(1);
    }

    [Fact]
    public async Task Close_WriterBlockedOnFullQueue_ReleasesItAndDropsQueuedBatches()
    {
        var handoff = new RecordHandoff(capacity: 1, batchSize: 1);
        handoff.Add(Batch(handoff, 1), CancellationToken.None);
        var blocked = Task.Run(() => handoff.Add(Batch(handoff, 2), CancellationToken.None));
        WaitUntilWriterWaits(handoff);

        handoff.Close();

        (await blocked.WaitAsync(TimeSpan.FromSeconds(10))).Should().BeFalse();
        handoff.Count.Should().Be(0);
        handoff.TryTake(out _, 0).Should().BeFalse();
    }

    [Fact]
    public void Recycle_ReleasedRecords_AreHandedBackToTheWriter()
    {
        var handoff = new RecordHandoff(capacity: 1, batchSize: 1);
        var record = new PendingRecord();
        var released = new List<PendingRecord> { record };
        var stock = new List<PendingRecord>();

        handoff.TryRestock(ref stock).Should().BeFalse("nothing was recycled yet");
        handoff.Recycle(ref released);

        released.Should().BeEmpty();
        handoff.TryRestock(ref stock).Should().BeTrue();
        stock.Should().ContainSingle().Which.Should().BeSameAs(record);
    }

    [Fact]
    public void WaitOrRunInline_ProcessorGone_RunsTheRequestOnceOnTheCaller()
    {
        var runs = 0;
        var request = new ControlRequest(() => runs++);

        request.WaitOrRunInline(() => false);
        request.Execute();

        runs.Should().Be(1);
    }

    /// <summary>Waits (bounded, on a condition) until the writer task is inside <see cref="RecordHandoff.Add"/> waiting for room.</summary>
    private static void WaitUntilWriterWaits(RecordHandoff handoff) =>
        SpinWait.SpinUntil(() => handoff.WriterWaiting, TimeSpan.FromSeconds(10)).Should().BeTrue("the writer should reach the full queue");

    private static List<HandoffItem> Batch(RecordHandoff handoff, int marker)
    {
        var batch = handoff.Rent();
        batch.Add(HandoffItem.End(marker));
        return batch;
    }
}
