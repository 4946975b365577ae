using System.Buffers.Text;

namespace EDTF.Streaming.Ais.Nmea;

/// <summary>The fields of one NMEA 4.10 TAG block that the decoder uses (<c>c:</c>, <c>s:</c>, <c>g:</c>).</summary>
internal ref struct TagBlock
{
    public long? TimeMs;
    public ReadOnlySpan<byte> Source;
    public int GroupSentence;
    public int GroupSize;
    public int GroupId;

    public bool UncheckedChecksum;

    public readonly bool HasGroup => GroupSize > 0;

    /// <summary>Parses the text between the backslashes; null on success, else what is wrong.</summary>
    public static string? TryParse(ReadOnlySpan<byte> content, out TagBlock tag)
    {
        tag = default;
        var star = content.LastIndexOf((byte)'*');
        if (star < 0)
        {
            return "TAG block without checksum";
        }

        if (star + 3 != content.Length)
        {
            return "TAG block checksum is not two hex digits";
        }

        var expected = NmeaChecksum.ParseHex(content[star + 1], content[star + 2]);
        var fields = content[..star];
        if (expected < 0)
        {
            return "TAG block checksum is not hex";
        }

        // Some loggers (e.g. AMSA's timestamped captures) write "*00" instead of computing the TAG checksum;
        // the sentence behind keeps its own checksum, so such blocks are read, and counted apart by the decoder.
        tag.UncheckedChecksum = expected == 0;
        if (expected != 0 && NmeaChecksum.Compute(fields) != expected)
        {
            return "TAG block checksum mismatch";
        }

        foreach (var range in fields.Split((byte)','))
        {
            var field = fields[range];
            if (field.Length < 2 || field[1] != (byte)':')
            {
                if (field.Length == 0)
                {
                    continue;
                }

                if (TryParseNmea40Group(field, ref tag))
                {
                    continue;
                }

                return "TAG block field without 'key:'";
            }

            var value = field[2..];
            switch (field[0])
            {
                case (byte)'c':
                    if (!EventTimeExtractor.TryParseUnixTime(value, out var ms))
                    {
                        return "TAG block c: is not a Unix time";
                    }

                    tag.TimeMs = ms;
                    break;
                case (byte)'s':
                    tag.Source = value;
                    break;
                case (byte)'g':
                    if (!TryParseGroup(value, ref tag))
                    {
                        return "TAG block g: is not sentence-size-id";
                    }

                    break;
            }
        }

        return null;
    }

    /// <summary>The NMEA 4.0 grouping form <c>1G2:125</c> (sentence 1 of 2, group 125).</summary>
    private static bool TryParseNmea40Group(ReadOnlySpan<byte> field, ref TagBlock tag)
    {
        var g = field.IndexOf((byte)'G');
        var colon = field.IndexOf((byte)':');
        if (g <= 0 || colon <= g + 1)
        {
            return false;
        }

        if (!Utf8Parser.TryParse(field[..g], out int sentence, out var c1) || c1 != g
            || !Utf8Parser.TryParse(field[(g + 1)..colon], out int size, out var c2) || c2 != colon - g - 1
            || !Utf8Parser.TryParse(field[(colon + 1)..], out int id, out var c3) || c3 != field.Length - colon - 1
            || size is < 1 or > 9 || sentence < 1 || sentence > size || id < 0)
        {
            return false;
        }

        tag.GroupSentence = sentence;
        tag.GroupSize = size;
        tag.GroupId = id;
        return true;
    }

    private static bool TryParseGroup(ReadOnlySpan<byte> value, ref TagBlock tag)
    {
        var first = value.IndexOf((byte)'-');
        if (first <= 0)
        {
            return false;
        }

        var rest = value[(first + 1)..];
        var second = rest.IndexOf((byte)'-');
        if (second <= 0)
        {
            return false;
        }

        if (!Utf8Parser.TryParse(value[..first], out int sentence, out var c1) || c1 != first
            || !Utf8Parser.TryParse(rest[..second], out int size, out var c2) || c2 != second
            || !Utf8Parser.TryParse(rest[(second + 1)..], out int id, out var c3) || c3 != rest.Length - second - 1
            || size is < 1 or > 9 || sentence < 1 || sentence > size || id < 0)
        {
            return false;
        }

        tag.GroupSentence = sentence;
        tag.GroupSize = size;
        tag.GroupId = id;
        return true;
    }
}
