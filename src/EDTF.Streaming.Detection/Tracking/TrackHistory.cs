namespace EDTF.Streaming.Detection.Tracking;

/// <summary>
/// The recent track of every vessel: its trusted positions in event-time order, at most one per
/// <see cref="MinSpacingMs"/> and the newest <see cref="MaxPointsPerVessel"/> of them (a ring that grows as needed), so the
/// evidence of an alert can show the track behind it. Self-contained: it holds no other state of the pipeline.
/// </summary>
/// <remarks>Owned by the pipeline's thread. At most 16 bytes a point: 4 KiB for a vessel with a full ring.</remarks>
internal sealed class TrackHistory
{
    /// <summary>Points kept per vessel (the oldest are overwritten): 8.5 h at one point per <see cref="MinSpacingMs"/>.</summary>
    public const int MaxPointsPerVessel = 256;

    /// <summary>A position closer than this (event time) to the last one kept is not kept.</summary>
    public const long MinSpacingMs = 120_000;

    private const int InitialCapacity = 4;
    private readonly Dictionary<int, Ring> _tracks = [];

    /// <summary>Vessels with a track.</summary>
    public int Count => _tracks.Count;

    /// <summary>Adds a trusted position; ignored when it is not later than the last kept by at least <see cref="MinSpacingMs"/>.</summary>
    public void Add(int mmsi, long timeMs, double latitude, double longitude)
    {
        if (!_tracks.TryGetValue(mmsi, out var ring))
        {
            ring = new Ring();
            _tracks[mmsi] = ring;
        }

        ring.Add(new TrackPoint(timeMs, (float)latitude, (float)longitude));
    }

    /// <summary>The kept positions of <paramref name="mmsi"/> from <paramref name="fromMs"/> to <paramref name="toMs"/> (inclusive), oldest first.</summary>
    public List<TrackPoint> Between(int mmsi, long fromMs, long toMs)
    {
        var points = new List<TrackPoint>();
        if (_tracks.TryGetValue(mmsi, out var ring))
        {
            ring.CopyBetween(fromMs, toMs, points);
        }

        return points;
    }

    /// <summary>Drops the track of a vessel the tracker forgot.</summary>
    public void Forget(int mmsi) => _tracks.Remove(mmsi);

    /// <summary>One kept position: event time (Unix ms) and WGS84 degrees (single precision: about 2 m).</summary>
    internal readonly record struct TrackPoint(long TimeMs, float Latitude, float Longitude);

    /// <summary>A vessel's points in a ring buffer, grown by doubling up to <see cref="MaxPointsPerVessel"/>.</summary>
    private sealed class Ring
    {
        private TrackPoint[] _items = new TrackPoint[InitialCapacity];
        private int _start;
        private int _count;

        public void Add(TrackPoint point)
        {
            if (_count > 0 && point.TimeMs - Last.TimeMs < MinSpacingMs)
            {
                return;
            }

            if (_count == _items.Length && _items.Length < MaxPointsPerVessel)
            {
                var grown = new TrackPoint[Math.Min(_items.Length * 2, MaxPointsPerVessel)];
                for (var i = 0; i < _count; i++)
                {
                    grown[i] = At(i);
                }

                _items = grown;
                _start = 0;
            }

            if (_count == _items.Length)
            {
                _items[_start] = point; // full: overwrite the oldest
                _start = (_start + 1) % _items.Length;
            }
            else
            {
                _items[(_start + _count) % _items.Length] = point;
                _count++;
            }
        }

        public void CopyBetween(long fromMs, long toMs, List<TrackPoint> into)
        {
            for (var i = 0; i < _count; i++)
            {
                var p = At(i);
                if (p.TimeMs >= fromMs && p.TimeMs <= toMs)
                {
                    into.Add(p);
                }
            }
        }

        private TrackPoint Last => At(_count - 1);

        private TrackPoint At(int index) => _items[(_start + index) % _items.Length];
    }
}
