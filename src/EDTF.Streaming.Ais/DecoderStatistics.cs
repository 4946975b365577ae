namespace EDTF.Streaming.Ais;

/// <summary>Running counts of one <see cref="NmeaDecoder"/>: lines, sentences, messages by type, rejects by reason.</summary>
/// <remarks>Not thread-safe: read it from the thread that drives the decoder (or accept torn reads).</remarks>
public sealed class DecoderStatistics
{
    private readonly long[] _byType = new long[64];
    private readonly long[] _byReason = new long[RejectReasons.All.Count];

    /// <summary>Input lines seen.</summary>
    public long Lines { get; internal set; }

    /// <summary>AIS sentences (VDM/VDO fragments) that passed framing and checksum.</summary>
    public long Sentences { get; internal set; }

    /// <summary>Messages decoded and emitted.</summary>
    public long Messages { get; internal set; }

    /// <summary>Rejects emitted, all reasons.</summary>
    public long Rejects { get; internal set; }

    /// <summary>Blank lines and comments (<c>#</c>), skipped without a reject.</summary>
    public long IgnoredLines { get; internal set; }

    /// <summary>Well-formed sentences that carry no message (empty payload, or a few zero bits), skipped without a reject.</summary>
    public long EmptySentences { get; internal set; }

    /// <summary>Messages decoded although shorter than their type defines (fields past the end are null).</summary>
    public long ShortMessages { get; internal set; }

    /// <summary>TAG blocks read although their checksum was the "*00" placeholder some loggers write.</summary>
    public long UncheckedTagBlocks { get; internal set; }

    /// <summary>Metadata sentences consumed for their time (Gatehouse <c>$PGHP</c>).</summary>
    public long MetadataSentences { get; internal set; }

    /// <summary>Incomplete fragment groups currently held.</summary>
    public int PendingGroups { get; internal set; }

    /// <summary>Messages decoded of one type (0-63).</summary>
    public long MessagesOfType(int messageType) => (uint)messageType < 64 ? _byType[messageType] : 0;

    /// <summary>Rejects of one reason.</summary>
    public long RejectsOf(RejectReason reason) => _byReason[(int)reason];

    /// <summary>Message counts by type, only types seen.</summary>
    public IReadOnlyDictionary<int, long> MessagesByType()
    {
        var result = new SortedDictionary<int, long>();
        for (var i = 0; i < _byType.Length; i++)
        {
            if (_byType[i] > 0)
            {
                result[i] = _byType[i];
            }
        }

        return result;
    }

    /// <summary>Reject counts by reason, only reasons seen.</summary>
    public IReadOnlyDictionary<RejectReason, long> RejectsByReason()
    {
        var result = new SortedDictionary<RejectReason, long>();
        foreach (var reason in RejectReasons.All)
        {
            if (_byReason[(int)reason] > 0)
            {
                result[reason] = _byReason[(int)reason];
            }
        }

        return result;
    }

    internal void CountMessage(int messageType)
    {
        Messages++;
        _byType[messageType & 63]++;
    }

    internal void CountReject(RejectReason reason)
    {
        Rejects++;
        _byReason[(int)reason]++;
    }
}
