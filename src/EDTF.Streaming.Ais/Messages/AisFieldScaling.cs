namespace EDTF.Streaming.Ais.Messages;

/// <summary>Raw AIS field values to units, with the protocol's "not available" codes turned into null.</summary>
internal static class AisFieldScaling
{
    private const double TenThousandthMinutesPerDegree = 600_000.0;

    /// <summary>Longitude from 1/10000 minutes; 181 degrees (not available) and anything beyond 180 are null.</summary>
    public static double? Longitude(int? raw) =>
        raw is null or > 108_000_000 or < -108_000_000 ? null : raw.Value / TenThousandthMinutesPerDegree;

    /// <summary>Latitude from 1/10000 minutes; 91 degrees (not available) and anything beyond 90 are null.</summary>
    public static double? Latitude(int? raw) =>
        raw is null or > 54_000_000 or < -54_000_000 ? null : raw.Value / TenThousandthMinutesPerDegree;

    /// <summary>Longitude from 1/10 minutes (type 27).</summary>
    public static double? LongitudeCoarse(int? raw) => raw is null or > 108_000 or < -108_000 ? null : raw.Value / 600.0;

    /// <summary>Latitude from 1/10 minutes (type 27).</summary>
    public static double? LatitudeCoarse(int? raw) => raw is null or > 54_000 or < -54_000 ? null : raw.Value / 600.0;

    /// <summary>Speed from 1/10 knot; 1023 is not available.</summary>
    public static double? SpeedKnots(uint? raw) => raw is null or 1023 ? null : raw.Value / 10.0;

    /// <summary>Course from 1/10 degree; 3600 (not available) and above are null.</summary>
    public static double? CourseDegrees(uint? raw) => raw is null or >= 3600 ? null : raw.Value / 10.0;

    /// <summary>Heading in degrees; 511 (not available) and any value from 360 are null.</summary>
    public static int? HeadingDegrees(uint? raw) => raw is null or >= 360 ? null : (int)raw.Value;

    /// <summary>UTC second; 60 is not available, 61-63 (positioning modes) are kept.</summary>
    public static int? Second(uint? raw) => raw is null or 60 ? null : (int)raw.Value;

    /// <summary>Rate of turn in degrees per minute from ROT_AIS (sign * (raw / 4.733)^2); -128 is not available.</summary>
    public static double? RateOfTurn(int? raw)
    {
        if (raw is null or -128)
        {
            return null;
        }

        var magnitude = raw.Value / 4.733;
        return Math.Round(Math.Sign(raw.Value) * magnitude * magnitude, 2);
    }

    public static int? RateOfTurnAis(int? raw) => raw is -128 ? null : raw;

    public static int? NullIfZero(uint? raw) => raw is null or 0 ? null : (int)raw.Value;

    public static int? NullIf(uint? raw, uint notAvailable) => raw is null || raw == notAvailable ? null : (int)raw.Value;

    /// <summary>Draught from 1/10 metre; 0 is not available.</summary>
    public static double? DraughtMeters(uint? raw) => raw is null or 0 ? null : raw.Value / 10.0;
}
