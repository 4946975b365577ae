using EDTF.Streaming.Detection.Tracking;

namespace EDTF.Streaming.Detection.Identity;

/// <summary>One MMSI heard from two places: the two tracks (0 = the one it had, 1 = the jump), and when reports last switched between them.</summary>
internal sealed class ConflictState
{
    private readonly double[] _lat = new double[2];
    private readonly double[] _lon = new double[2];
    private readonly long[] _lastMs = new long[2];
    private readonly int[] _reports = new int[2];
    private readonly long[] _recentSwitchesMs;
    private int _nextSwitch;

    public ConflictState(int minAlternations, double lat0, double lon0, long time0Ms, double lat1, double lon1, long time1Ms)
    {
        _recentSwitchesMs = new long[minAlternations];
        Array.Fill(_recentSwitchesMs, long.MinValue);
        (_lat[0], _lon[0], _lastMs[0], _reports[0]) = (lat0, lon0, time0Ms, 1);
        (_lat[1], _lon[1], _lastMs[1], _reports[1]) = (lat1, lon1, time1Ms, 1);
        FirstPositionLatitude = lat1;
        FirstPositionLongitude = lon1;
        StartMs = time1Ms;
        LastSide = 1;
        RecordSwitch(time1Ms);
    }

    public long StartMs { get; }

    /// <summary>Where the second track was first heard.</summary>
    public double FirstPositionLatitude { get; }

    public double FirstPositionLongitude { get; }

    public int LastSide { get; private set; }

    public int Alternations { get; private set; }

    public bool Open { get; set; }

    public long TimerDueMs { get; set; }

    public double SeparationNm => Geo.DistanceNm(_lat[0], _lon[0], _lat[1], _lon[1]);

    /// <summary>The report time of the track heard least recently.</summary>
    public long QuietSinceMs => Math.Min(_lastMs[0], _lastMs[1]);

    public int QuietSide => _lastMs[0] <= _lastMs[1] ? 0 : 1;

    public long LastMs(int side) => _lastMs[side];

    public int Reports(int side) => _reports[side];

    public (double Lat, double Lon) Position(int side) => (_lat[side], _lon[side]);

    /// <summary>Adds a report to the nearer track; a report from the other track than the last one is an alternation.</summary>
    public void Add(double lat, double lon, long timeMs)
    {
        var side = Geo.DistanceNm(lat, lon, _lat[0], _lon[0]) <= Geo.DistanceNm(lat, lon, _lat[1], _lon[1]) ? 0 : 1;
        (_lat[side], _lon[side], _lastMs[side]) = (lat, lon, timeMs);
        _reports[side]++;
        if (side != LastSide)
        {
            RecordSwitch(timeMs);
        }

        LastSide = side;
    }

    /// <summary>True when the last <c>minAlternations</c> switches all fall within <paramref name="windowMs"/> of <paramref name="nowMs"/>.</summary>
    public bool AlternatingWithin(long windowMs, long nowMs) =>
        _recentSwitchesMs.All(t => t != long.MinValue && nowMs - t <= windowMs);

    private void RecordSwitch(long timeMs)
    {
        Alternations++;
        _recentSwitchesMs[_nextSwitch] = timeMs;
        _nextSwitch = (_nextSwitch + 1) % _recentSwitchesMs.Length;
    }
}
