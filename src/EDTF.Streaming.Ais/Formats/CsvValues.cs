using System.Globalization;

namespace EDTF.Streaming.Ais.Formats;

/// <summary>Parsing of the values found in AIS CSV exports: numbers, "not available" tokens and fixed-layout UTC times.</summary>
internal static class CsvValues
{
    private static readonly string[] IsoLayouts = ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mm:ss.FFFFFFFK"];

    /// <summary>True for an empty field or a word the exports use for "no value" (Unknown, Undefined, N/A, ...).</summary>
    public static bool IsMissing(ReadOnlySpan<char> value) =>
        value.IsEmpty
        || value.Equals("Unknown", StringComparison.OrdinalIgnoreCase)
        || value.Equals("Undefined", StringComparison.OrdinalIgnoreCase)
        || value.Equals("Unknown value", StringComparison.OrdinalIgnoreCase)
        || value.Equals("N/A", StringComparison.OrdinalIgnoreCase)
        || value.Equals("NA", StringComparison.OrdinalIgnoreCase)
        || value.Equals("null", StringComparison.OrdinalIgnoreCase);

    /// <summary>Parses an optional number: true with null for a missing value, false when present but not a number.</summary>
    public static bool TryDouble(ReadOnlySpan<char> value, out double? result)
    {
        result = null;
        if (IsMissing(value))
        {
            return true;
        }

        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d))
        {
            result = d;
            return true;
        }

        return false;
    }

    /// <summary>Parses an optional whole number (a decimal point with zero fraction is accepted, as some exports write <c>511.0</c>).</summary>
    public static bool TryInt(ReadOnlySpan<char> value, out int? result)
    {
        result = null;
        if (IsMissing(value))
        {
            return true;
        }

        if (int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
        {
            result = n;
            return true;
        }

        if (TryDouble(value, out var d) && d is { } x && x == Math.Floor(x) && x is >= int.MinValue and <= int.MaxValue)
        {
            result = (int)x;
            return true;
        }

        return false;
    }

    /// <summary>Parses <c>yyyy-MM-ddTHH:mm:ss</c> (or a space for T, optional fraction and Z) as UTC epoch milliseconds.</summary>
    public static bool TryIsoUtc(ReadOnlySpan<char> value, out long epochMs)
    {
        epochMs = 0;
        if (value.Length >= 19 && value[4] == '-' && value[7] == '-' && value[10] is 'T' or ' ' && value[13] == ':' && value[16] == ':'
            && TryDigits(value[..4], out var year) && TryDigits(value.Slice(5, 2), out var month) && TryDigits(value.Slice(8, 2), out var day)
            && TryDigits(value.Slice(11, 2), out var hour) && TryDigits(value.Slice(14, 2), out var minute) && TryDigits(value.Slice(17, 2), out var second)
            && value.Length == 19 && TryEpochMs(year, month, day, hour, minute, second, out epochMs))
        {
            return true;
        }

        if (DateTimeOffset.TryParseExact(value, IsoLayouts, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            epochMs = parsed.ToUnixTimeMilliseconds();
            return true;
        }

        return false;
    }

    /// <summary>Parses DMA's <c>dd/MM/yyyy HH:mm:ss</c> (UTC) as epoch milliseconds.</summary>
    public static bool TryDmaUtc(ReadOnlySpan<char> value, out long epochMs)
    {
        epochMs = 0;
        return value.Length == 19 && value[2] == '/' && value[5] == '/' && value[10] == ' ' && value[13] == ':' && value[16] == ':'
            && TryDigits(value[..2], out var day) && TryDigits(value.Slice(3, 2), out var month) && TryDigits(value.Slice(6, 4), out var year)
            && TryDigits(value.Slice(11, 2), out var hour) && TryDigits(value.Slice(14, 2), out var minute) && TryDigits(value.Slice(17, 2), out var second)
            && TryEpochMs(year, month, day, hour, minute, second, out epochMs);
    }

    private static bool TryEpochMs(int year, int month, int day, int hour, int minute, int second, out long epochMs)
    {
        epochMs = 0;
        if (year < 1970 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        epochMs = new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero).ToUnixTimeMilliseconds();
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<char> digits, out int value)
    {
        value = 0;
        foreach (var c in digits)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }
}
