namespace EDTF.Streaming.Ais;

/// <summary>Why the decoder rejected an input line or a group of fragments.</summary>
public enum RejectReason
{
    /// <summary>The NMEA checksum after '*' does not match the sentence.</summary>
    BadChecksum,

    /// <summary>The NMEA 4.10 TAG block is unterminated, has a bad checksum or an unreadable field.</summary>
    BadTagBlock,

    /// <summary>The sentence ends early: no checksum, missing fields or an empty payload.</summary>
    Truncated,

    /// <summary>The payload holds a character outside the AIS 6-bit armouring alphabet, or a field holds an invalid character.</summary>
    InvalidCharacter,

    /// <summary>The payload's bit length does not fit its message type.</summary>
    WrongBitLength,

    /// <summary>Fragments of a multi-sentence message whose first fragment never arrived.</summary>
    OrphanFragment,

    /// <summary>A multi-sentence message that started but did not complete in time (or was superseded or evicted).</summary>
    ExpiredFragments,

    /// <summary>An NMEA sentence that is not AIS (<c>VDM</c>/<c>VDO</c>) nor a supported metadata sentence.</summary>
    UnsupportedSentence,

    /// <summary>Anything else that cannot be read as an AIS line.</summary>
    Malformed,

    /// <summary>The event time (TAG block <c>c:</c>, a timestamp on the line, <c>$PGHP</c>, a JSON <c>time</c>) is outside [2000-01-01, 2100-01-01) UTC.</summary>
    ImplausibleTime,

    /// <summary>A field holds a value outside what AIS allows (<see cref="InputLimits"/>): off the Earth, a 10-digit MMSI, a non-finite number.</summary>
    OutOfRange,

    /// <summary>A whole input record larger than the service's per-record byte limit (<c>Kafka:MaxRecordBytes</c>); not decoded.</summary>
    RecordTooLarge,

    /// <summary>A whole input record with more lines than the service's per-record limit (<c>Kafka:MaxLinesPerRecord</c>); not decoded.</summary>
    TooManyLines,

    /// <summary>Decoding or detection threw on this record (a defect, reported with the exception's message); the stream went on.</summary>
    ProcessingError,
}

/// <summary>Stable snake_case labels for <see cref="RejectReason"/>, used in metrics and summaries.</summary>
public static class RejectReasons
{
    private static readonly string[] Labels =
    [
        "bad_checksum", "bad_tag_block", "truncated", "invalid_character", "wrong_bit_length",
        "orphan_fragment", "expired_fragments", "unsupported_sentence", "malformed", "implausible_time", "out_of_range",
        "record_too_large", "too_many_lines", "processing_error",
    ];

    /// <summary>Every reason, in declaration order.</summary>
    public static IReadOnlyList<RejectReason> All { get; } = Enum.GetValues<RejectReason>();

    /// <summary>The snake_case label of a reason, e.g. <c>bad_checksum</c>.</summary>
    public static string ToLabel(RejectReason reason) =>
        (uint)reason < (uint)Labels.Length ? Labels[(int)reason] : "unknown";
}
