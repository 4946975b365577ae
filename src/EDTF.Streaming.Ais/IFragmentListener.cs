namespace EDTF.Streaming.Ais;

/// <summary>Learns the fate of multi-sentence messages whose fragments span several input lines (across-streams reassembly only).</summary>
/// <remarks>
/// Lets a caller that must know which input still matters keep track of it: e.g. the Kafka service does not commit a record's
/// offset while a fragment it carried waits in the decoder. Called synchronously from <see cref="NmeaDecoder.DecodeLine"/> and
/// <see cref="NmeaDecoder.Flush"/>.
/// </remarks>
public interface IFragmentListener
{
    /// <summary>The current line's fragment joined a message that is still incomplete; returns the group's token (creates one when <paramref name="token"/> is null).</summary>
    object FragmentHeld(object? token);

    /// <summary>The message of <paramref name="token"/> completed on the current line (its report goes to the sink for this line).</summary>
    void MessageCompleted(object token);

    /// <summary>The message of <paramref name="token"/> was rejected (expired, evicted or flushed): its fragments will never make a report.</summary>
    void MessageDropped(object token);
}
