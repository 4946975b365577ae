using System.Text.Json.Nodes;
using EDTF.Streaming.Detection.Tracking;

namespace EDTF.Streaming.Detection.Dark;

/// <summary>Positions heard per 1-degree cell per hour over the last few days: whether neighbours kept being heard during a gap.</summary>
/// <remarks>Any double is a cell (clamped onto the Earth, NaN as 0) and any time an hour (times before 1970 count as hour 0): no input indexes out of range.</remarks>
internal sealed class CoverageGrid
{
    private const int HoursKept = 96;
    private const long MsPerHour = 3_600_000;
    private const int MaxHour = int.MaxValue / 2;
    private readonly Cell?[] _cells = new Cell?[180 * 360];

    public void Add(double lat, double lon, long timeMs)
    {
        var index = Index(lat, lon);
        var cell = _cells[index] ??= new Cell();
        var hour = Hour(timeMs);
        var slot = hour % HoursKept;
        if (cell.Hours[slot] != hour)
        {
            cell.Hours[slot] = hour;
            cell.Counts[slot] = 0;
        }

        cell.Counts[slot]++;
    }

    /// <summary>Positions heard in the cell of (lat, lon) during the whole hours strictly inside (startMs, endMs), so that the silent vessel's own last and first reports are left out; at most the last four days.</summary>
    public (long Positions, int Hours) Count(double lat, double lon, long startMs, long endMs)
    {
        var last = Hour(endMs) - 1;
        var first = Math.Max(Math.Max(Hour(startMs) + 1, last - HoursKept + 1), 0);
        var hours = Math.Clamp(last - first + 1, 0, HoursKept);
        var cell = _cells[Index(lat, lon)];
        if (cell is null)
        {
            return (0, hours);
        }

        long sum = 0;
        for (var h = first; h <= last; h++)
        {
            var slot = h % HoursKept;
            if (cell.Hours[slot] == h)
            {
                sum += cell.Counts[slot];
            }
        }

        return (sum, hours);
    }

    /// <summary>The coverage evidence of a silence at (lat, lon) between the two times, and whether the cell counts as covered (at least <paramref name="coveredPerDay"/> positions per day).</summary>
    public (JsonObject Evidence, bool Covered) Describe(double lat, double lon, long startMs, long endMs, double coveredPerDay)
    {
        var (positions, hours) = Count(lat, lon, startMs, endMs);
        var perDay = hours > 0 ? positions * 24.0 / hours : 0;
        var covered = hours > 0 && perDay >= coveredPerDay;
        return (new JsonObject
        {
            ["cellPositions"] = positions,
            ["cellHours"] = hours,
            ["positionsPerDay"] = Math.Round(perDay, 3),
            ["neighboursHeard"] = covered,
        }, covered);
    }

    /// <summary>Hours since 1970, from 0 (earlier times) to <see cref="MaxHour"/> (later ones): loops over hours cannot overflow.</summary>
    private static int Hour(long timeMs) => (int)Math.Min(Math.Max(0, timeMs) / MsPerHour, MaxHour);

    private static int Index(double lat, double lon)
    {
        var row = Math.Min((int)Math.Floor(Geo.ClampLatitude(lat) + 90), 179);
        var col = Math.Min((int)Math.Floor(Geo.ClampLongitude(lon) + 180), 359);
        return (row * 360) + col;
    }

    private sealed class Cell
    {
        public readonly int[] Hours = new int[HoursKept];
        public readonly int[] Counts = new int[HoursKept];
    }
}
