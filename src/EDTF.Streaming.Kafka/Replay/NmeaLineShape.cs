using System.Text;
using EDTF.Streaming.Ais;

namespace EDTF.Streaming.Kafka.Replay;

/// <summary>
/// What a replay needs to know of an NMEA line without decoding it: is it a Gatehouse <c>$PGHP</c> line, is it a fragment of a
/// multi-sentence message, and which group (TAG block <c>g:</c> id, else source, channel, sequence id and count, as the decoder groups them).
/// </summary>
internal readonly record struct NmeaLineShape(bool IsGatehouse, int FragmentCount, int FragmentNumber, string? GroupKey)
{
    /// <summary>True for a sentence of a message with more than one sentence.</summary>
    public bool IsFragment => FragmentCount > 1;

    public static NmeaLineShape Of(ReadOnlySpan<byte> line)
    {
        if (line.Length > 9 && line[0] == (byte)'!' && line[6] == (byte)',' && line[7] == (byte)'1' && line[8] == (byte)',')
        {
            return new NmeaLineShape(false, 1, 1, null);
        }

        line = line.Trim(" \t"u8);
        if (line.Length > 0 && (uint)(line[0] - '0') <= 9 && EventTimeExtractor.TryParseLeadingTimestamp(line, out _, out var consumed))
        {
            line = line[consumed..];
        }

        var tag = ReadOnlySpan<byte>.Empty;
        if (line.Length > 0 && line[0] == (byte)'\\')
        {
            var end = line[1..].IndexOf((byte)'\\');
            if (end < 0)
            {
                return default;
            }

            tag = line.Slice(1, end);
            line = line[(end + 2)..];
        }

        if (line.StartsWith("$PGHP,"u8))
        {
            return new NmeaLineShape(true, 0, 0, null);
        }

        // !xxVDM,count,number,sequence,channel,...
        if (line.Length < 7 || line[0] != (byte)'!' || line[6] != (byte)',')
        {
            return default;
        }

        Span<Range> fields = stackalloc Range[5];
        var body = line[7..];
        var n = 0;
        foreach (var range in body.Split((byte)','))
        {
            if (n == fields.Length)
            {
                break;
            }

            fields[n++] = range;
        }

        if (n < 5 || !Digit(body[fields[0]], out var count) || !Digit(body[fields[1]], out var number) || count < 2)
        {
            return new NmeaLineShape(false, 1, 1, null);
        }

        var key = TagGroup(tag) is { Length: > 0 } group
            ? "g:" + Encoding.Latin1.GetString(group) + "/" + count
            : string.Concat(Encoding.Latin1.GetString(TagField(tag, "s:"u8)), "|", Encoding.Latin1.GetString(body[fields[3]]), "|", Encoding.Latin1.GetString(body[fields[2]]), "|", count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return new NmeaLineShape(false, count, number, key);
    }

    private static bool Digit(ReadOnlySpan<byte> field, out int value)
    {
        value = field.Length == 1 && (uint)(field[0] - '0') <= 9 ? field[0] - '0' : -1;
        return value >= 0;
    }

    /// <summary>The group id of a TAG block <c>g:number-count-id</c> field, or empty.</summary>
    private static ReadOnlySpan<byte> TagGroup(ReadOnlySpan<byte> tag)
    {
        var g = TagField(tag, "g:"u8);
        var dash = g.LastIndexOf((byte)'-');
        return dash >= 0 ? g[(dash + 1)..] : g;
    }

    private static ReadOnlySpan<byte> TagField(ReadOnlySpan<byte> tag, ReadOnlySpan<byte> prefix)
    {
        var star = tag.IndexOf((byte)'*');
        var fields = star >= 0 ? tag[..star] : tag;
        foreach (var range in fields.Split((byte)','))
        {
            if (fields[range].StartsWith(prefix))
            {
                return fields[range][prefix.Length..];
            }
        }

        return [];
    }
}
