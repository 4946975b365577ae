using System.Buffers.Text;

namespace EDTF.Streaming.Ais;

/// <summary>Reads the event time an AIS line carries: TAG block <c>c:</c>, a leading ISO or Unix timestamp, a trailing Unix-time field, or a Gatehouse <c>$PGHP</c> sentence.</summary>
/// <remarks>All results are Unix epoch milliseconds (UTC). Nothing here throws on bad input; the Try methods return false.</remarks>
public static class EventTimeExtractor
{
    private const long MsPerSecond = 1000;

    /// <summary>The event time of one line on its own (no state across lines), or null (also when outside <see cref="InputLimits.IsEventTime(long)"/>).</summary>
    /// <remarks>Precedence: TAG block <c>c:</c>, leading timestamp, Gatehouse <c>$PGHP</c>, trailing Unix time.</remarks>
    public static long? FromLine(ReadOnlySpan<byte> line) =>
        AnyTimeOf(line) is { } ms && InputLimits.IsEventTime(ms) ? ms : null;

    private static long? AnyTimeOf(ReadOnlySpan<byte> line)
    {
        line = line.Trim(" \t\r\n"u8);
        long? leading = null;
        if (line.Length > 0 && IsDigit(line[0]) && TryParseLeadingTimestamp(line, out var ms, out var consumed))
        {
            leading = ms;
            line = line[consumed..];
        }

        if (line.Length > 0 && line[0] == (byte)'\\')
        {
            var end = line[1..].IndexOf((byte)'\\');
            if (end >= 0)
            {
                var tag = line.Slice(1, end);
                var star = tag.IndexOf((byte)'*');
                var fields = star >= 0 ? tag[..star] : tag;
                foreach (var range in fields.Split((byte)','))
                {
                    var field = fields[range];
                    if (field.Length > 2 && field[0] == (byte)'c' && field[1] == (byte)':' && TryParseUnixTime(field[2..], out var c))
                    {
                        return c;
                    }
                }

                line = line[(end + 2)..];
            }
        }

        if (leading is not null)
        {
            return leading;
        }

        if (line.StartsWith("$PGHP,"u8) && TryParseGatehouse(line, out var ghp))
        {
            return ghp;
        }

        var checksum = line.IndexOf((byte)'*');
        return checksum >= 0 && checksum + 3 <= line.Length && TryParseTrailingUnixTime(line[(checksum + 3)..], out var trailing)
            ? trailing
            : null;
    }

    /// <summary>Unix time in seconds (optionally with a fraction) or, with 13 digits, milliseconds.</summary>
    public static bool TryParseUnixTime(ReadOnlySpan<byte> text, out long ms)
    {
        ms = 0;
        var dot = text.IndexOf((byte)'.');
        var whole = dot >= 0 ? text[..dot] : text;
        if (whole.Length is < 9 or > 13 || !AllDigits(whole) || !Utf8Parser.TryParse(whole, out long value, out _))
        {
            return false;
        }

        if (whole.Length == 13)
        {
            ms = value;
            return dot < 0;
        }

        if (whole.Length > 11)
        {
            return false;
        }

        ms = value * MsPerSecond;
        if (dot >= 0)
        {
            var fraction = text[(dot + 1)..];
            if (fraction.Length == 0 || !AllDigits(fraction))
            {
                return false;
            }

            var scale = 100;
            for (var i = 0; i < fraction.Length && scale > 0; i++, scale /= 10)
            {
                ms += (fraction[i] - '0') * scale;
            }
        }

        return true;
    }

    /// <summary>A timestamp at the start of a line: ISO 8601 (<c>2024-05-01T12:00:00.123Z</c>, space or T, optional zone Z/+00:00) or Unix seconds/milliseconds, followed by a separator.</summary>
    /// <param name="line">The line.</param>
    /// <param name="ms">The time, Unix milliseconds.</param>
    /// <param name="consumed">Bytes taken, including the separators after the timestamp.</param>
    public static bool TryParseLeadingTimestamp(ReadOnlySpan<byte> line, out long ms, out int consumed)
    {
        ms = 0;
        consumed = 0;
        int end;
        if (line.Length >= 19 && line[4] == (byte)'-' && line[7] == (byte)'-')
        {
            if (!TryParseIso(line, out ms, out end))
            {
                return false;
            }
        }
        else
        {
            end = 0;
            while (end < line.Length && (IsDigit(line[end]) || line[end] == (byte)'.'))
            {
                end++;
            }

            if (!TryParseUnixTime(line[..end], out ms))
            {
                return false;
            }
        }

        var separators = end;
        while (separators < line.Length && line[separators] is (byte)' ' or (byte)'\t' or (byte)',' or (byte)';' or (byte)'|')
        {
            separators++;
        }

        if (separators == end && separators < line.Length)
        {
            return false;
        }

        consumed = separators;
        return true;
    }

    /// <summary>Comma-separated fields after an NMEA checksum: the first that is a plausible Unix time (10 digits seconds or 13 digits milliseconds, within <see cref="InputLimits.IsEventTime(long)"/>).</summary>
    public static bool TryParseTrailingUnixTime(ReadOnlySpan<byte> trailer, out long ms)
    {
        ms = 0;
        foreach (var range in trailer.Split((byte)','))
        {
            var field = trailer[range];
            if (field.Length is 10 or 13 && AllDigits(field) && TryParseUnixTime(field, out ms) && InputLimits.IsEventTime(ms))
            {
                return true;
            }
        }

        ms = 0;
        return false;
    }

    /// <summary>A Gatehouse <c>$PGHP,1,year,month,day,hour,minute,second,millisecond,...</c> sentence's time.</summary>
    public static bool TryParseGatehouse(ReadOnlySpan<byte> sentence, out long ms)
    {
        ms = 0;
        Span<int> parts = stackalloc int[7];
        var index = -2;
        foreach (var range in sentence.Split((byte)','))
        {
            if (index >= 7)
            {
                break;
            }

            var field = sentence[range];
            if (index == -1 && !field.SequenceEqual("1"u8))
            {
                return false;
            }

            if (index >= 0)
            {
                if (field.Length == 0 || !AllDigits(field) || !Utf8Parser.TryParse(field, out int v, out _))
                {
                    return false;
                }

                parts[index] = v;
            }

            index++;
        }

        return index == 7 && TryToUnixMs(parts[0], parts[1], parts[2], parts[3], parts[4], parts[5], parts[6], out ms);
    }

    /// <summary>UTC calendar fields to Unix milliseconds; false when any is out of range.</summary>
    internal static bool TryToUnixMs(int year, int month, int day, int hour, int minute, int second, int millisecond, out long ms)
    {
        ms = 0;
        if (year is < 1970 or > 9999 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour is < 0 or > 23 || minute is < 0 or > 59 || second is < 0 or > 60 || millisecond is < 0 or > 999)
        {
            return false;
        }

        var date = new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Utc);
        ms = ((date.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMillisecond)
            + (((hour * 3600L) + (minute * 60L) + second) * MsPerSecond) + millisecond;
        return true;
    }

    private static bool TryParseIso(ReadOnlySpan<byte> s, out long ms, out int end)
    {
        ms = 0;
        end = 0;
        if (!(Digits(s, 0, 4, out var year) && Digits(s, 5, 2, out var month) && Digits(s, 8, 2, out var day)
              && s[10] is (byte)'T' or (byte)' ' && Digits(s, 11, 2, out var hour) && s[13] == (byte)':'
              && Digits(s, 14, 2, out var minute) && s[16] == (byte)':' && Digits(s, 17, 2, out var second)))
        {
            return false;
        }

        var i = 19;
        var millisecond = 0;
        if (i < s.Length && s[i] is (byte)'.' or (byte)',')
        {
            i++;
            var scale = 100;
            var start = i;
            while (i < s.Length && IsDigit(s[i]))
            {
                millisecond += (s[i] - '0') * scale;
                scale /= 10;
                i++;
            }

            if (i == start)
            {
                return false;
            }
        }

        var offsetMinutes = 0;
        if (i < s.Length && s[i] == (byte)'Z')
        {
            i++;
        }
        else if (i + 5 < s.Length + 1 && i < s.Length && s[i] is (byte)'+' or (byte)'-')
        {
            var sign = s[i] == (byte)'-' ? -1 : 1;
            var colon = i + 3 < s.Length && s[i + 3] == (byte)':' ? 1 : 0;
            if (!Digits(s, i + 1, 2, out var oh) || !Digits(s, i + 3 + colon, 2, out var om))
            {
                return false;
            }

            offsetMinutes = sign * ((oh * 60) + om);
            i += 5 + colon;
        }

        if (!TryToUnixMs(year, month, day, hour, minute, second, millisecond, out ms))
        {
            return false;
        }

        ms -= offsetMinutes * 60 * MsPerSecond;
        end = i;
        return true;
    }

    private static bool Digits(ReadOnlySpan<byte> s, int start, int count, out int value)
    {
        value = 0;
        if (start + count > s.Length)
        {
            return false;
        }

        for (var i = start; i < start + count; i++)
        {
            if (!IsDigit(s[i]))
            {
                return false;
            }

            value = (value * 10) + (s[i] - '0');
        }

        return true;
    }

    private static bool AllDigits(ReadOnlySpan<byte> s) => s.Length > 0 && !s.ContainsAnyExceptInRange((byte)'0', (byte)'9');

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;
}
