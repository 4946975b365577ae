using System.Globalization;
using EDTF.Streaming.Ais;

namespace EDTF.Streaming.Kafka;

/// <summary>Per-record limits checked before a record is decoded (<c>Kafka:MaxRecordBytes</c>, <c>Kafka:MaxLinesPerRecord</c>).</summary>
internal static class RecordLimits
{
    /// <summary>The reject for a record over a limit, or null when it is within both.</summary>
    public static DecodeReject? Check(ReadOnlySpan<byte> value, int maxBytes, int maxLines)
    {
        if (value.Length > maxBytes)
        {
            return new DecodeReject(0, RejectReason.RecordTooLarge,
                string.Create(CultureInfo.InvariantCulture, $"record of {value.Length} bytes, over the limit of {maxBytes} (Kafka:MaxRecordBytes)"), "");
        }

        // A record has at most as many lines as bytes: only records that could be over the limit are counted.
        if (value.Length > maxLines)
        {
            var lines = value.Count((byte)'\n') + (value.Length > 0 && value[^1] != (byte)'\n' ? 1 : 0);
            if (lines > maxLines)
            {
                return new DecodeReject(0, RejectReason.TooManyLines,
                    string.Create(CultureInfo.InvariantCulture, $"record of {lines} lines, over the limit of {maxLines} (Kafka:MaxLinesPerRecord)"), "");
            }
        }

        return null;
    }
}
