namespace EDTF.Streaming.Detection.Simulation;

/// <summary>A WGS84 position in degrees.</summary>
internal readonly record struct GeoPoint(double Lat, double Lon);
