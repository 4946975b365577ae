using System.Diagnostics;
using System.Globalization;

namespace EDTF.Streaming.Kafka;

/// <summary>How long the service's two threads waited, and on what: librdkafka (consume), the hand-over (both sides).</summary>
/// <remarks>
/// Each counter is written by one thread and read (racily, for a report) by another; figures are Stopwatch ticks. A poll
/// that waits more than 10 ms found librdkafka's queue empty: the fetcher, not the service, was behind.
/// </remarks>
internal sealed class ThreadWaits
{
    private static readonly long TenMs = Stopwatch.Frequency / 100;

    public long BlockingPolls { get; private set; }

    public long StarvedPolls { get; private set; }

    public long PollTicks { get; private set; }

    public long Batches { get; private set; }

    public long Items { get; private set; }

    public long PutTicks { get; private set; }

    public long TakeTicks { get; private set; }

    /// <summary>Consume thread: a poll that was allowed to wait (nothing batched yet) took <paramref name="ticks"/>.</summary>
    public void BlockingPoll(long ticks)
    {
        BlockingPolls++;
        PollTicks += ticks;
        if (ticks > TenMs)
        {
            StarvedPolls++;
        }
    }

    /// <summary>Consume thread: a batch of <paramref name="items"/> was handed over after waiting <paramref name="ticks"/> for room.</summary>
    public void Put(int items, long ticks)
    {
        Batches++;
        Items += items;
        PutTicks += ticks;
    }

    /// <summary>Processing thread: waited <paramref name="ticks"/> for a batch.</summary>
    public void Take(long ticks) => TakeTicks += ticks;

    public ThreadWaits Copy() => (ThreadWaits)MemberwiseClone();

    /// <summary>The waits since <paramref name="earlier"/> (a <see cref="Copy"/>).</summary>
    public ThreadWaits Since(ThreadWaits earlier) => new()
    {
        BlockingPolls = BlockingPolls - earlier.BlockingPolls,
        StarvedPolls = StarvedPolls - earlier.StarvedPolls,
        PollTicks = PollTicks - earlier.PollTicks,
        Batches = Batches - earlier.Batches,
        Items = Items - earlier.Items,
        PutTicks = PutTicks - earlier.PutTicks,
        TakeTicks = TakeTicks - earlier.TakeTicks,
    };

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"consume thread waited {Ms(PollTicks):F0} ms in {BlockingPolls} polls ({StarvedPolls} over 10 ms: librdkafka had nothing) and {Ms(PutTicks):F0} ms for room in the hand-over ({Batches} batches, {(Batches == 0 ? 0 : Items / Batches)} records each); processing thread waited {Ms(TakeTicks):F0} ms for batches");

    private static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
