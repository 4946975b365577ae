namespace EDTF.Streaming.Detection;

/// <summary>The track of one vessel behind an alert, simplified (Douglas-Peucker), oldest point first (docs/alerts.md, <c>tracks</c>).</summary>
public sealed record AlertTrack(int Mmsi, IReadOnlyList<AlertTrackPoint> Points);

/// <summary>One point of an evidence track: event time and WGS84 degrees (rounded to 5 decimals, about 1 m).</summary>
public sealed record AlertTrackPoint(DateTimeOffset Time, double Lat, double Lon);
