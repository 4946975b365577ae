namespace EDTF.Streaming.Ais;

/// <summary>Limits of the multi-sentence reassembly; the defaults suit live feeds and files alike.</summary>
public sealed class NmeaDecoderOptions
{
    /// <summary>Most incomplete fragment groups held at once; when full, the oldest is rejected as expired.</summary>
    public int MaxPendingGroups { get; init; } = 1024;

    /// <summary>An incomplete group expires once this many input lines have passed since its first fragment.</summary>
    public int FragmentExpiryLines { get; init; } = 250;

    /// <summary>An incomplete group expires once event time has moved this far past its first fragment (when times are known).</summary>
    public long FragmentExpiryMs { get; init; } = 60_000;

    /// <summary>
    /// Reassemble fragments read from several input streams in any interleaving (e.g. Kafka partitions consumed in chunks):
    /// a group expires once every active stream has moved <see cref="FragmentExpiryMs"/> of event time past the point where the
    /// group began, fragments join the pending group of the same key closest in event time (within
    /// <see cref="FragmentMatchToleranceMs"/>), and several groups of one key may pend at once. Off by default (files).
    /// </summary>
    public bool AcrossStreams { get; init; }

    /// <summary>
    /// With <see cref="AcrossStreams"/>: a fragment joins a pending group only when their event times are at most this far
    /// apart. The fragments of one message are received in the same slot; a wider window pairs a fragment with another
    /// message of the same key (sequence ids cycle 0-9) whose partner has not been read yet.
    /// </summary>
    public long FragmentMatchToleranceMs { get; init; } = 1_000;

    /// <summary>Most distinct TAG block source strings cached (interned); beyond that, new sources are allocated per line.</summary>
    public int MaxInternedSources { get; init; } = 4096;
}
