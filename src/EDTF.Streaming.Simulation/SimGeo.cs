namespace EDTF.Streaming.Simulation;

/// <summary>Great-circle arithmetic on a spherical Earth, enough for simulated ship tracks.</summary>
internal static class SimGeo
{
    public const double EarthRadiusMeters = 6_371_008.8;
    public const double MetersPerNauticalMile = 1852.0;
    public const double MetersPerSecondPerKnot = MetersPerNauticalMile / 3600.0;

    public static double DistanceMeters(GeoPoint a, GeoPoint b)
    {
        var dLat = Rad(b.Lat - a.Lat);
        var dLon = Rad(b.Lon - a.Lon);
        var h = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2)) +
                (Math.Cos(Rad(a.Lat)) * Math.Cos(Rad(b.Lat)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * EarthRadiusMeters * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    /// <summary>Initial great-circle bearing from <paramref name="a"/> to <paramref name="b"/>, 0-360 degrees.</summary>
    public static double BearingDegrees(GeoPoint a, GeoPoint b)
    {
        var lat1 = Rad(a.Lat);
        var lat2 = Rad(b.Lat);
        var dLon = Rad(b.Lon - a.Lon);
        var y = Math.Sin(dLon) * Math.Cos(lat2);
        var x = (Math.Cos(lat1) * Math.Sin(lat2)) - (Math.Sin(lat1) * Math.Cos(lat2) * Math.Cos(dLon));
        return Normalize(Deg(Math.Atan2(y, x)));
    }

    /// <summary>The point reached from <paramref name="from"/> after <paramref name="distanceMeters"/> on initial bearing <paramref name="bearingDegrees"/>.</summary>
    public static GeoPoint Destination(GeoPoint from, double bearingDegrees, double distanceMeters)
    {
        var d = distanceMeters / EarthRadiusMeters;
        var b = Rad(bearingDegrees);
        var lat1 = Rad(from.Lat);
        var lon1 = Rad(from.Lon);
        var lat2 = Math.Asin((Math.Sin(lat1) * Math.Cos(d)) + (Math.Cos(lat1) * Math.Sin(d) * Math.Cos(b)));
        var lon2 = lon1 + Math.Atan2(Math.Sin(b) * Math.Sin(d) * Math.Cos(lat1), Math.Cos(d) - (Math.Sin(lat1) * Math.Sin(lat2)));
        return new GeoPoint(Deg(lat2), ((Deg(lon2) + 540) % 360) - 180);
    }

    /// <summary>The point a <paramref name="fraction"/> of the way along the great circle from <paramref name="a"/> to <paramref name="b"/>.</summary>
    public static GeoPoint Intermediate(GeoPoint a, GeoPoint b, double fraction)
    {
        var distance = DistanceMeters(a, b);
        return distance < 0.01 ? a : Destination(a, BearingDegrees(a, b), distance * fraction);
    }

    public static double Normalize(double degrees) => ((degrees % 360) + 360) % 360;

    private static double Rad(double degrees) => degrees * Math.PI / 180;

    private static double Deg(double radians) => radians * 180 / Math.PI;
}
