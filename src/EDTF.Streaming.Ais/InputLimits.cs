namespace EDTF.Streaming.Ais;

/// <summary>The plausible range of every value read from input (NMEA, TAG blocks, JSON records, CSV rows, record timestamps).</summary>
/// <remarks>
/// One place for the bounds that every reader checks where a value enters; a value outside them is rejected (never clamped or
/// cast). Ranges follow the AIS field widths (ITU-R M.1371); times are absolute bounds only (plausibility against the
/// stream's own clock is the pipeline's). Every check is a comparison: no allocation, NaN always fails.
/// </remarks>
public static class InputLimits
{
    /// <summary>Earliest accepted event time, 2000-01-01T00:00:00Z, Unix epoch milliseconds.</summary>
    public const long MinEventTimeMs = 946_684_800_000;

    /// <summary>First event time no longer accepted, 2100-01-01T00:00:00Z, Unix epoch milliseconds.</summary>
    public const long EndEventTimeMs = 4_102_444_800_000;

    /// <summary>Largest MMSI (9 digits).</summary>
    public const int MaxMmsi = 999_999_999;

    /// <summary>Latitude meaning "not available" in AIS.</summary>
    public const double LatitudeNotAvailable = 91;

    /// <summary>Longitude meaning "not available" in AIS.</summary>
    public const double LongitudeNotAvailable = 181;

    /// <summary>Largest speed over ground in knots (1022 tenths: "102.2 knots or more"; 1023 is not available).</summary>
    public const double MaxSpeedKnots = 102.2;

    /// <summary>Speed over ground meaning "not available" in AIS, knots.</summary>
    public const double SpeedNotAvailableKnots = 102.3;

    /// <summary>Course over ground meaning "not available" in AIS, degrees (anything below is a course).</summary>
    public const double CourseNotAvailableDegrees = 360;

    /// <summary>True heading meaning "not available" in AIS, degrees.</summary>
    public const int HeadingNotAvailableDegrees = 511;

    /// <summary>Largest rate of turn in degrees per minute (ROT_AIS ±127 is 720).</summary>
    public const double MaxRateOfTurn = 720;

    /// <summary>Largest draught in metres (8 bits of tenths).</summary>
    public const double MaxDraughtMeters = 25.5;

    /// <summary>Largest distance from the reference point to bow or stern, metres (9 bits).</summary>
    public const int MaxBowOrSternMeters = 511;

    /// <summary>Largest distance from the reference point to port or starboard, metres (6 bits).</summary>
    public const int MaxPortOrStarboardMeters = 63;

    /// <summary>Largest IMO number (30 bits).</summary>
    public const int MaxImo = (1 << 30) - 1;

    /// <summary>Longest text field accepted (names, call signs, destinations, sources), characters.</summary>
    public const int MaxTextLength = 128;

    /// <summary>True for an event time within [2000-01-01, 2100-01-01) UTC.</summary>
    public static bool IsEventTime(long ms) => ms is >= MinEventTimeMs and < EndEventTimeMs;

    /// <summary>True for an event time within [2000-01-01, 2100-01-01) UTC given as a number (false for NaN and infinities).</summary>
    public static bool IsEventTime(double ms) => ms is >= MinEventTimeMs and < EndEventTimeMs;

    /// <summary>True for an MMSI of at most 9 digits (0 included: some transponders send it).</summary>
    public static bool IsMmsi(long mmsi) => mmsi is >= 0 and <= MaxMmsi;

    /// <summary>True for a latitude on the Earth, in degrees (false for NaN).</summary>
    public static bool IsLatitude(double degrees) => degrees is >= -90 and <= 90;

    /// <summary>True for a longitude on the Earth, in degrees (false for NaN).</summary>
    public static bool IsLongitude(double degrees) => degrees is >= -180 and <= 180;

    /// <summary>True for a speed over ground AIS can carry, knots.</summary>
    public static bool IsSpeedKnots(double knots) => knots is >= 0 and <= MaxSpeedKnots;

    /// <summary>True for a course over ground, degrees in [0, 360).</summary>
    public static bool IsCourseDegrees(double degrees) => degrees is >= 0 and < CourseNotAvailableDegrees;

    /// <summary>True for a true heading, whole degrees 0-359.</summary>
    public static bool IsHeadingDegrees(long degrees) => degrees is >= 0 and <= 359;

    /// <summary>True for a rate of turn AIS can carry, degrees per minute.</summary>
    public static bool IsRateOfTurn(double degreesPerMinute) => degreesPerMinute is >= -MaxRateOfTurn and <= MaxRateOfTurn;

    /// <summary>True for a draught AIS can carry, metres (0 means not available).</summary>
    public static bool IsDraughtMeters(double meters) => meters is >= 0 and <= MaxDraughtMeters;
}
