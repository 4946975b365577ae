using EDTF.Streaming.Ais;

namespace EDTF.Streaming.Detection.Tests.Support;

/// <summary>Test data factory: AIS reports and times.</summary>
internal static class Some
{
    /// <summary>2024-03-01T00:00:00Z.</summary>
    public const long T0 = 1_709_251_200_000;

    public const int DprkMmsi = 445_123_456;
    public const int OtherMmsi = 273_111_222;
    public const int ThirdMmsi = 412_333_444;

    public static long Minutes(double m) => (long)(m * 60_000);

    public static long Hours(double h) => (long)(h * 3_600_000);

    public static AisReport Position(int mmsi, long timeMs, double lat, double lon, double sog = 10, int type = 1) => new()
    {
        MessageType = type,
        Mmsi = mmsi,
        EventTimeMs = timeMs,
        Latitude = lat,
        Longitude = lon,
        SpeedKnots = sog,
        CourseDegrees = 90,
    };

    public static AisReport Static(int mmsi, long timeMs, int? imo = null, string? name = null, int? shipType = null, double? draught = null,
        string? callsign = null, string? destination = null) => new()
    {
        MessageType = 5,
        Mmsi = mmsi,
        EventTimeMs = timeMs,
        Imo = imo,
        Name = name,
        ShipType = shipType,
        DraughtMeters = draught,
        Callsign = callsign,
        Destination = destination,
    };

    public static AlertSource Source(long line = 1) => AlertSource.FromFile("test.nmea", line);
}
