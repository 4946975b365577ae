using EDTF.Streaming.Detection.Tracking;
using NetTopologySuite.Geometries;
using NetTopologySuite.Simplify;

namespace EDTF.Streaming.Detection.Alerts;

/// <summary>
/// Adds to an alert update the tracks behind it, from the <see cref="TrackHistory"/>: both vessels of a transfer from an
/// hour before it until the parting (while open, until the update), the track into (and, when closed, out of) the port of a port call, the positions
/// before and after a dark period; each simplified (Douglas-Peucker) to at most <see cref="MaxPointsPerTrack"/> points.
/// </summary>
/// <remarks>Owned by the pipeline's thread, like the history it reads.</remarks>
internal sealed class EvidenceTracks(TrackHistory history)
{
    /// <summary>Most points of one simplified track.</summary>
    public const int MaxPointsPerTrack = 300;

    /// <summary>The first simplification tolerance (degrees, about 10 m); doubled until the track fits.</summary>
    public const double InitialToleranceDegrees = 0.0001;

    /// <summary>A silence longer than this splits a track into stretches simplified apart.</summary>
    public const long GapMs = 15 * 60_000;

    private const long HourMs = 3_600_000;

    /// <summary>The update with its <c>tracks</c>; unchanged when no position of its vessels falls in its window.</summary>
    public AlertUpdate Attach(AlertUpdate update)
    {
        var (fromMs, toMs) = Window(update);
        var tracks = new List<AlertTrack>(2);
        AddTrack(tracks, update.Vessel.Mmsi, fromMs, toMs);
        if (update.Counterpart is { } counterpart && counterpart.Mmsi != update.Vessel.Mmsi)
        {
            AddTrack(tracks, counterpart.Mmsi, fromMs, toMs);
        }

        return tracks.Count == 0 ? update : update with { Tracks = tracks };
    }

    /// <summary>The event-time window of an alert's tracks (Unix ms).</summary>
    internal static (long FromMs, long ToMs) Window(AlertUpdate update)
    {
        var startMs = update.Start.ToUnixTimeMilliseconds();
        var detectedMs = update.DetectedAt.ToUnixTimeMilliseconds();
        var endMs = update.End?.ToUnixTimeMilliseconds() is { } end
            ? (update.Type == AlertTypes.PortCall ? Math.Max(end, detectedMs) : end) // a port call's track goes on out of the port
            : detectedMs;
        var before = update.Type is AlertTypes.DarkPeriod or AlertTypes.PortCall ? 3 * HourMs : HourMs;
        return (startMs - before, endMs);
    }

    /// <summary>
    /// Douglas-Peucker with a tolerance doubled from <see cref="InitialToleranceDegrees"/> until at most
    /// <paramref name="maxPoints"/> remain, on each stretch between silences longer than <see cref="GapMs"/> apart: the
    /// first and last points, and the last position before and the first after every silence, always stay.
    /// </summary>
    internal static List<TrackHistory.TrackPoint> Simplify(List<TrackHistory.TrackPoint> points, int maxPoints = MaxPointsPerTrack)
    {
        var stretches = Stretches(points);
        var tolerance = InitialToleranceDegrees;
        var kept = SimplifyEach(stretches, tolerance);
        while (kept.Count > maxPoints && tolerance < 360)
        {
            tolerance *= 2;
            kept = SimplifyEach(stretches, tolerance);
        }

        return kept;
    }

    private static List<List<TrackHistory.TrackPoint>> Stretches(List<TrackHistory.TrackPoint> points)
    {
        var stretches = new List<List<TrackHistory.TrackPoint>>();
        for (var i = 0; i < points.Count; i++)
        {
            if (i == 0 || points[i].TimeMs - points[i - 1].TimeMs > GapMs)
            {
                stretches.Add([]);
            }

            stretches[^1].Add(points[i]);
        }

        return stretches;
    }

    private static List<TrackHistory.TrackPoint> SimplifyEach(List<List<TrackHistory.TrackPoint>> stretches, double tolerance)
    {
        var kept = new List<TrackHistory.TrackPoint>();
        foreach (var stretch in stretches)
        {
            if (stretch.Count <= 2)
            {
                kept.AddRange(stretch);
                continue;
            }

            var coordinates = stretch.Select((p, i) => (Coordinate)new CoordinateZ(p.Longitude, p.Latitude, i)).ToArray();
            kept.AddRange(DouglasPeuckerLineSimplifier.Simplify(coordinates, tolerance).Select(c => stretch[(int)c.Z]));
        }

        return kept;
    }

    private void AddTrack(List<AlertTrack> tracks, int mmsi, long fromMs, long toMs)
    {
        var points = history.Between(mmsi, fromMs, toMs);
        if (points.Count > 0)
        {
            tracks.Add(new AlertTrack(mmsi, [.. Simplify(points).Select(ToContract)]));
        }
    }

    private static AlertTrackPoint ToContract(TrackHistory.TrackPoint p) => new(
        DateTimeOffset.FromUnixTimeMilliseconds(p.TimeMs),
        Math.Round((double)p.Latitude, 5),
        Math.Round((double)p.Longitude, 5));
}
