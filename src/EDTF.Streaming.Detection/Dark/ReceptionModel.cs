using System.Runtime.InteropServices;
using EDTF.Streaming.Detection.Tracking;

namespace EDTF.Streaming.Detection.Dark;

/// <summary>
/// Reception learned from the stream: for each 0.25-degree cell, the hours of the last <see cref="HoursKept"/> in which anyone
/// was heard there; for each receiving station (TAG block <c>s:</c>; station 0 = reports without one), the hours it heard
/// anything and the cells it heard (its footprint). Event time only; bounded (cells and stations unheard for the whole window are
/// dropped once a day).
/// </summary>
internal sealed class ReceptionModel
{
    /// <summary>Cell size in degrees of latitude and longitude.</summary>
    public const double CellDegrees = 0.25;

    /// <summary>Hours of history kept per cell and station (one bit each).</summary>
    public const int HoursKept = 128;

    /// <summary>Largest footprint (in cells, about 15 nm square each) of a station taken as one local receiver.</summary>
    public const int MaxLocalFootprintCells = 64;

    private const long MsPerHour = 3_600_000;
    private const double RayStepNm = 2;
    private const int MaxHour = int.MaxValue / 2;
    private const int SweepEveryHours = 24;
    private readonly Dictionary<long, HourMask> _cells = [];
    [Snapshots.StationNumber]
    private readonly Dictionary<int, Station> _stations = [];
    private HourMask _anyone;
    private int _sweptHour;

    /// <summary>Cells heard within the window.</summary>
    public int Cells => _cells.Count;

    /// <summary>Stations heard within the window.</summary>
    public int Stations => _stations.Count;

    /// <summary>A position heard at <paramref name="timeMs"/> by <paramref name="station"/> (0 when unknown).</summary>
    public void Add(double lat, double lon, long timeMs, int station)
    {
        var hour = Hour(timeMs);
        var cell = Key(lat, lon);
        CollectionsMarshal.GetValueRefOrAddDefault(_cells, cell, out _).Mark(hour);
        _anyone.Mark(hour);
        if (!_stations.TryGetValue(station, out var s))
        {
            _stations[station] = s = new Station { FirstHour = hour };
        }

        s.Heard.Mark(hour);
        ref var last = ref CollectionsMarshal.GetValueRefOrAddDefault(s.Footprint, cell, out _);
        last = Math.Max(last, hour);
        if (hour >= _sweptHour + SweepEveryHours)
        {
            Sweep(hour);
        }
    }

    /// <summary>Hours strictly inside (startMs, endMs) within the window, and in how many of them the area (the cell and its eight neighbours) on the way from the start to the end position (interpolated at mid-hour) was heard.</summary>
    /// <remarks>
    /// An hour also counts as heard when a local <paramref name="station"/> (a footprint of at most <see cref="MaxLocalFootprintCells"/>
    /// cells: a shore receiver, not a satellite or an aggregated feed) that had heard the cell heard anyone in that hour: sparse traffic
    /// in a covered area is not a lack of reception.
    /// </remarks>
    public (int Hours, int Heard) AreaHeard(int station, double startLat, double startLon, double endLat, double endLon, long startMs, long endMs)
    {
        var (first, last) = HoursInside(startMs, endMs);
        var heard = 0;
        var spanMs = Math.Max(1.0, endMs - startMs);
        var dLon = WrapDegrees(endLon - startLon);
        var local = _stations.TryGetValue(station, out var s) && s.Footprint.Count <= MaxLocalFootprintCells ? s : null;
        for (var h = first; h <= last; h++)
        {
            var f = Math.Clamp((((h + 0.5) * MsPerHour) - startMs) / spanMs, 0, 1);
            var lat = startLat + ((endLat - startLat) * f);
            var lon = WrapDegrees(startLon + (dLon * f));
            if (AreaHeardAt(lat, lon, h) || (local is not null && local.Heard.Heard(h) && local.Footprint.ContainsKey(Key(lat, lon))))
            {
                heard++;
            }
        }

        return (Math.Max(0, last - first + 1), heard);
    }

    /// <summary>
    /// Whether a vessel last heard at (lat, lon), coming from (previous), sailed out of reception: moving, its last cell heard by
    /// <paramref name="station"/>, and no cell along its course from there to <paramref name="aheadNm"/> further (its last cell left
    /// out) heard by anyone in the window up to <paramref name="endMs"/>. A port or a channel ahead, heard, means it is not leaving.
    /// </summary>
    public bool LeftCoverage(int station, double previousLat, double previousLon, double lat, double lon, double aheadNm, long endMs)
    {
        var movedNm = Geo.DistanceNm(previousLat, previousLon, lat, lon);
        var last = Key(lat, lon);
        if (movedNm < 0.05 || !_stations.TryGetValue(station, out var s) || !s.Footprint.ContainsKey(last))
        {
            return false;
        }

        var oldest = Hour(endMs) - HoursKept + 1;
        var dLat = (lat - previousLat) / movedNm;
        var dLon = WrapDegrees(lon - previousLon) / movedNm;
        var beyondLastCell = false;
        for (var nm = RayStepNm; nm <= aheadNm; nm += RayStepNm)
        {
            var cell = Key(lat + (dLat * nm), WrapDegrees(lon + (dLon * nm)));
            if (cell == last)
            {
                continue;
            }

            beyondLastCell = true;
            // Only hours complete before the end count: reports after it may or may not be in yet (the watermark's steps differ
            // between the drivers), and must not change the answer.
            if (_cells.TryGetValue(cell, out var mask) && mask.HeardBetween(oldest, Hour(endMs) - 1))
            {
                return false;
            }
        }

        return beyondLastCell;
    }

    /// <summary>Hours strictly inside (startMs, endMs) within the window and since the station was first heard, and in how many of them <paramref name="station"/> heard anyone anywhere.</summary>
    public (int Hours, int Heard) StationHeard(int station, long startMs, long endMs)
    {
        var (first, last) = HoursInside(startMs, endMs);
        var mask = _stations.TryGetValue(station, out var s) ? s.Heard : default;
        first = Math.Max(first, s?.FirstHour ?? first);
        var heard = 0;
        for (var h = first; h <= last; h++)
        {
            if (mask.Heard(h))
            {
                heard++;
            }
        }

        return (Math.Max(0, last - first + 1), heard);
    }

    /// <summary>Hours strictly inside the gap within the window, and in how many of them anyone was heard at all.</summary>
    public (int Hours, int Heard) AnyoneHeard(long startMs, long endMs)
    {
        var (first, last) = HoursInside(startMs, endMs);
        var heard = 0;
        for (var h = first; h <= last; h++)
        {
            if (_anyone.Heard(h))
            {
                heard++;
            }
        }

        return (Math.Max(0, last - first + 1), heard);
    }

    /// <summary>Whether anyone was heard in hour <paramref name="hour"/> in the cell of (lat, lon) or one of its eight neighbours (about 0.75 degree square: an AIS receiver's range).</summary>
    private bool AreaHeardAt(double lat, double lon, int hour)
    {
        var (row, col) = RowCol(lat, lon);
        for (var r = row - 1; r <= row + 1; r++)
        {
            for (var c = col - 1; c <= col + 1; c++)
            {
                if (_cells.TryGetValue((r << 32) | c, out var mask) && mask.Heard(hour))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Whole hours strictly inside (startMs, endMs), at most the last <see cref="HoursKept"/> (empty when first &gt; last).</summary>
    private static (int First, int Last) HoursInside(long startMs, long endMs)
    {
        var last = Hour(endMs) - 1;
        var first = Math.Max(Math.Max(Hour(startMs) + 1, last - HoursKept + 1), 0);
        return (first, last);
    }

    private void Sweep(int hour)
    {
        _sweptHour = hour;
        var oldest = hour - HoursKept + 1;
        foreach (var (key, mask) in _cells)
        {
            if (mask.LatestHour < oldest)
            {
                _cells.Remove(key);
            }
        }

        foreach (var (id, s) in _stations)
        {
            if (s.Heard.LatestHour < oldest)
            {
                _stations.Remove(id);
                continue;
            }

            foreach (var (key, last) in s.Footprint)
            {
                if (last < oldest)
                {
                    s.Footprint.Remove(key);
                }
            }
        }
    }

    /// <summary>Hours since 1970, from 0 (earlier times) to <see cref="MaxHour"/> (later ones): loops over hours cannot overflow.</summary>
    private static int Hour(long timeMs) => (int)Math.Min(Math.Max(0, timeMs) / MsPerHour, MaxHour);

    private static double WrapDegrees(double lon) => double.IsNaN(lon) ? 0 : lon - (360 * Math.Floor((lon + 180) / 360));

    private static long Key(double lat, double lon)
    {
        var (row, col) = RowCol(lat, lon);
        return (row << 32) | col;
    }

    private static (long Row, long Col) RowCol(double lat, double lon) =>
        ((long)Math.Floor((Geo.ClampLatitude(lat) + 90) / CellDegrees), (long)Math.Floor((Geo.ClampLongitude(lon) + 180) / CellDegrees));

    /// <summary>Hours heard: bit i set = heard in hour <see cref="LatestHour"/> - i.</summary>
    private struct HourMask
    {
        public int LatestHour;
        private UInt128 _bits;

        public void Mark(int hour)
        {
            if (_bits == UInt128.Zero || hour > LatestHour)
            {
                var shift = _bits == UInt128.Zero ? HoursKept : hour - LatestHour;
                _bits = shift >= HoursKept ? UInt128.One : (_bits << shift) | UInt128.One;
                LatestHour = hour;
                return;
            }

            var back = LatestHour - hour;
            if (back < HoursKept)
            {
                _bits |= UInt128.One << back;
            }
        }

        /// <summary>True when any hour in [<paramref name="first"/>, <paramref name="last"/>] was heard.</summary>
        public readonly bool HeardBetween(int first, int last)
        {
            for (var h = Math.Max(first, LatestHour - HoursKept + 1); h <= Math.Min(last, LatestHour); h++)
            {
                if (Heard(h))
                {
                    return true;
                }
            }

            return false;
        }

        public readonly bool Heard(int hour)
        {
            var back = LatestHour - hour;
            return back >= 0 && back < HoursKept && ((_bits >> back) & UInt128.One) != UInt128.Zero;
        }
    }

    /// <summary>One receiving station: the hours it heard anyone, and the last hour it heard each cell.</summary>
    private sealed class Station
    {
        public HourMask Heard;

        public int FirstHour { get; init; }

        public Dictionary<long, int> Footprint { get; } = [];
    }
}
