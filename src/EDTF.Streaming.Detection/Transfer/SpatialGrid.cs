using EDTF.Streaming.Detection.Tracking;

namespace EDTF.Streaming.Detection.Transfer;

/// <summary>Slow vessels bucketed by 0.01-degree cell, so that a vessel's candidate partners are the few in the neighbouring cells.</summary>
/// <remarks>Coordinates are clamped onto the Earth first (NaN as 0): cell numbers stay within ±18,000, whatever the double.</remarks>
internal sealed class SpatialGrid(double searchRadiusMeters)
{
    private const double CellDegrees = 0.01;
    private const double CellMeters = CellDegrees * 111_320;

    private readonly Dictionary<long, List<Vessel>> _cells = [];
    private readonly int _rowReach = (int)Math.Ceiling(searchRadiusMeters / CellMeters);

    public int Count { get; private set; }

    public void Place(Vessel v, double lat, double lon)
    {
        var key = Key(Row(lat), Column(lon));
        if (v.GridCell == key)
        {
            return;
        }

        Remove(v);
        if (!_cells.TryGetValue(key, out var list))
        {
            _cells[key] = list = new List<Vessel>(2);
        }

        list.Add(v);
        v.GridCell = key;
        Count++;
    }

    public void Remove(Vessel v)
    {
        if (v.GridCell == long.MinValue)
        {
            return;
        }

        if (_cells.TryGetValue(v.GridCell, out var list))
        {
            list.Remove(v);
            if (list.Count == 0)
            {
                _cells.Remove(v.GridCell);
            }
        }

        v.GridCell = long.MinValue;
        Count--;
    }

    /// <summary>Vessels in the cells that can hold a point within the search radius of (lat, lon), the caller included.</summary>
    public void Near(double lat, double lon, List<Vessel> into)
    {
        into.Clear();
        var row = Row(lat);
        var col = Column(lon);
        var cos = Math.Max(0.05, Math.Cos(Geo.ClampLatitude(lat) * Math.PI / 180));
        var colReach = (int)Math.Ceiling(searchRadiusMeters / (CellMeters * cos));
        for (var r = row - _rowReach; r <= row + _rowReach; r++)
        {
            for (var c = col - colReach; c <= col + colReach; c++)
            {
                if (_cells.TryGetValue(Key(r, c), out var list))
                {
                    into.AddRange(list);
                }
            }
        }
    }

    private static int Row(double lat) => (int)Math.Floor(Geo.ClampLatitude(lat) / CellDegrees);

    private static int Column(double lon) => (int)Math.Floor(Geo.ClampLongitude(lon) / CellDegrees);

    private static long Key(int row, int col) => ((long)row << 32) | (uint)col;
}
