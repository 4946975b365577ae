namespace EDTF.Streaming.Ais.Formats;

/// <summary>One input row or line that was skipped: where it is, why (a snake_case reason label), which field and what it held.</summary>
public sealed record InputReject(string File, long Line, string Reason, string? Field, string Detail)
{
    /// <inheritdoc />
    public override string ToString() =>
        Field is null ? $"{File}:{Line}: {Reason}: {Detail}" : $"{File}:{Line}: {Reason} ({Field}): {Detail}";
}

/// <summary>Why a CSV row was skipped.</summary>
public enum CsvRejectReason
{
    /// <summary>The row does not split into the header's fields, or a numeric field does not parse.</summary>
    Unparseable,

    /// <summary>The MMSI is missing, not a number, or outside 1..999999999.</summary>
    BadMmsi,

    /// <summary>The time is missing or not in the format's layout.</summary>
    BadTime,

    /// <summary>Latitude beyond ±90 or longitude beyond ±180 (91/181, AIS "not available", are not rejected).</summary>
    ImpossibleCoordinates,

    /// <summary>The header lacks a required column; the whole file is skipped.</summary>
    BadHeader,

    /// <summary>The time reads but is outside [2000-01-01, 2100-01-01) UTC (<see cref="InputLimits"/>).</summary>
    ImplausibleTime,
}

/// <summary>Snake_case labels of <see cref="CsvRejectReason"/> for summaries and metrics.</summary>
public static class CsvRejectReasons
{
    /// <summary>The label of a reason, e.g. <c>impossible_coordinates</c>.</summary>
    public static string ToLabel(CsvRejectReason reason) => reason switch
    {
        CsvRejectReason.Unparseable => "unparseable",
        CsvRejectReason.BadMmsi => "bad_mmsi",
        CsvRejectReason.BadTime => "bad_time",
        CsvRejectReason.ImpossibleCoordinates => "impossible_coordinates",
        CsvRejectReason.BadHeader => "bad_header",
        CsvRejectReason.ImplausibleTime => "implausible_time",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };
}
