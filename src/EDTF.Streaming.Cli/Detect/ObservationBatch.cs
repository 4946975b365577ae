using EDTF.Streaming.Detection.Pipeline;

namespace EDTF.Streaming.Cli.Detect;

/// <summary>A block of prepared observations handed from the reading thread to the detecting thread.</summary>
internal sealed class ObservationBatch
{
    public const int Capacity = ReorderBuffer.BlockSize;

    public Observation[] Items { get; } = new Observation[Capacity];

    public int Count { get; set; }

    /// <summary>Reports in this block that carried no event time (counted, not kept).</summary>
    public int WithoutEventTime { get; set; }


    public bool IsFull => Count == Capacity;

    public void Reset()
    {
        Array.Clear(Items, 0, Count);
        Count = 0;
        WithoutEventTime = 0;
    }
}
