namespace EDTF.Streaming.Detection.Tracking;

/// <summary>Great-circle distances on a sphere of mean Earth radius.</summary>
internal static class Geo
{
    public const double EarthRadiusMeters = 6_371_008.8;
    public const double MetersPerNauticalMile = 1852;

    public static double DistanceMeters(double lat1, double lon1, double lat2, double lon2)
    {
        const double rad = Math.PI / 180;
        var dLat = (lat2 - lat1) * rad;
        var dLon = (lon2 - lon1) * rad;
        var a = Math.Sin(dLat / 2) * Math.Sin(dLat / 2) +
                Math.Cos(lat1 * rad) * Math.Cos(lat2 * rad) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * EarthRadiusMeters * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    /// <summary>The latitude clamped to [-90, 90], NaN as 0: safe for cell arithmetic whatever the double.</summary>
    public static double ClampLatitude(double degrees) => double.IsNaN(degrees) ? 0 : Math.Clamp(degrees, -90, 90);

    /// <summary>The longitude clamped to [-180, 180], NaN as 0: safe for cell arithmetic whatever the double.</summary>
    public static double ClampLongitude(double degrees) => double.IsNaN(degrees) ? 0 : Math.Clamp(degrees, -180, 180);

    public static double DistanceNm(double lat1, double lon1, double lat2, double lon2) =>
        DistanceMeters(lat1, lon1, lat2, lon2) / MetersPerNauticalMile;
}
