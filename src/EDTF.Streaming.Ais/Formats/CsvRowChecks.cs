namespace EDTF.Streaming.Ais.Formats;

/// <summary>Rules shared by the CSV readers: which values reject a row, and which just mean "not available".</summary>
internal static class CsvRowChecks
{
    /// <summary>Parses an MMSI; false when missing, not a whole number, or outside 1..999999999.</summary>
    public static bool TryMmsi(ReadOnlySpan<char> value, out int mmsi)
    {
        mmsi = 0;
        return CsvValues.TryInt(value, out var parsed) && parsed is >= 1 and <= InputLimits.MaxMmsi && (mmsi = parsed.Value) > 0;
    }

    /// <summary>False, with the error, for a row time outside <see cref="InputLimits.IsEventTime(long)"/>.</summary>
    public static bool TryPlausibleTime(long timeMs, string column, ReadOnlySpan<char> value, out CsvRowError error)
    {
        error = InputLimits.IsEventTime(timeMs)
            ? default
            : new(CsvRejectReason.ImplausibleTime, column, $"'{value}' is outside 2000-01-01..2100-01-01");
        return InputLimits.IsEventTime(timeMs);
    }

    /// <summary>False for a latitude or longitude outside the Earth; AIS's 91 / 181 ("not available") become null.</summary>
    public static bool TryCoordinates(ref CsvRow row, out string field)
    {
        field = string.Empty;
        if (row.Latitude is 91)
        {
            row.Latitude = null;
        }

        if (row.Longitude is 181)
        {
            row.Longitude = null;
        }

        if (row.Latitude is < -90 or > 90)
        {
            field = "latitude";
            return false;
        }

        if (row.Longitude is < -180 or > 180)
        {
            field = "longitude";
            return false;
        }

        if (row.Latitude is null || row.Longitude is null)
        {
            row.Latitude = null;
            row.Longitude = null;
        }

        return true;
    }

    /// <summary>Turns out-of-range motion values into null, as the NMEA decoder does for "not available" codes.</summary>
    public static void NormaliseMotion(ref CsvRow row)
    {
        row.SpeedKnots = row.SpeedKnots is >= 0 and < 102.25 ? row.SpeedKnots : null;
        row.CourseDegrees = row.CourseDegrees is >= 0 and < 360 ? row.CourseDegrees : null;
        row.HeadingDegrees = row.HeadingDegrees is >= 0 and <= 359 ? row.HeadingDegrees : null;
        row.NavStatus = row.NavStatus is >= 0 and <= 15 ? row.NavStatus : null;
        row.RateOfTurn = row.RateOfTurn is { } rot && Math.Abs(rot) <= 720 ? rot : null;
    }

    /// <summary>Turns zero or out-of-range identity values into null (IMO 0, ship type 0 or above 99, draught or sizes zero or beyond their AIS fields).</summary>
    public static StaticIdentity Normalise(in StaticIdentity identity) => identity with
    {
        Imo = identity.Imo is > 0 and <= 999_999_999 ? identity.Imo : null,
        ShipType = identity.ShipType is >= 1 and <= 99 ? identity.ShipType : null,
        DraughtMeters = identity.DraughtMeters is > 0 and <= InputLimits.MaxDraughtMeters ? identity.DraughtMeters : null,
        ToBow = identity.ToBow is > 0 and <= InputLimits.MaxBowOrSternMeters ? identity.ToBow : null,
        ToStern = identity.ToStern is > 0 and <= InputLimits.MaxBowOrSternMeters ? identity.ToStern : null,
        ToPort = identity.ToPort is > 0 and <= InputLimits.MaxPortOrStarboardMeters ? identity.ToPort : null,
        ToStarboard = identity.ToStarboard is > 0 and <= InputLimits.MaxPortOrStarboardMeters ? identity.ToStarboard : null,
        Callsign = string.IsNullOrWhiteSpace(identity.Callsign) ? null : identity.Callsign,
        Name = string.IsNullOrWhiteSpace(identity.Name) ? null : identity.Name,
        Destination = string.IsNullOrWhiteSpace(identity.Destination) ? null : identity.Destination,
    };
}
