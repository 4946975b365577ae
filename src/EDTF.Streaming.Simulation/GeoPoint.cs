namespace EDTF.Streaming.Simulation;

/// <summary>A WGS84 position in degrees.</summary>
internal readonly record struct GeoPoint(double Lat, double Lon);
