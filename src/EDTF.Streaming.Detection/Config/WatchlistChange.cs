namespace EDTF.Streaming.Detection;

/// <summary>One change to the watch list: the entry with id <paramref name="EntryId"/> becomes <paramref name="Entry"/>, or is removed (delisted) when it is null, from event time <paramref name="EffectiveMs"/> (Unix ms).</summary>
/// <remarks>The pipeline applies it when its watermark passes <paramref name="EffectiveMs"/> (docs/watchlists.md, "Changes while running").</remarks>
public sealed record WatchlistChange(string EntryId, WatchlistEntry? Entry, long EffectiveMs)
{
    /// <summary>True for a removal (a tombstone on the topic).</summary>
    public bool IsRemoval => Entry is null;
}
