using System.Globalization;

namespace EDTF.Streaming.Cli.Replay;

/// <summary>Parses a time given on the command line: RFC 3339 / ISO 8601 (UTC unless an offset is given), a date, or Unix seconds.</summary>
internal static class TimeArgument
{
    private static readonly string[] Layouts =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd HH:mmK", "yyyy-MM-dd",
    ];

    /// <summary>What a time option accepts, for its error message.</summary>
    public const string Expected = "a time like 2023-01-01T06:00:00Z, 2023-01-01 or Unix seconds";

    /// <summary>Epoch milliseconds of <paramref name="text"/>; false when it is not a time.</summary>
    public static bool TryParse(string text, out long epochMs)
    {
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            epochMs = seconds * 1000;
            return true;
        }

        var parsed = DateTimeOffset.TryParseExact(text, Layouts, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time);
        epochMs = parsed ? time.ToUnixTimeMilliseconds() : 0;
        return parsed;
    }

    /// <summary>RFC 3339 UTC text of an epoch-millisecond time.</summary>
    public static string Format(long epochMs) =>
        DateTimeOffset.FromUnixTimeMilliseconds(epochMs).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
