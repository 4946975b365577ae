using System.Globalization;
using EDTF.Streaming.Detection;

namespace EDTF.Streaming.Cli.Demo;

/// <summary>Every alert update the demo has read: the latest state per alert id, the update counts by type and status, and their table lines.</summary>
/// <remarks>Written by the alert reader's thread, read by the screen: members lock.</remarks>
internal sealed class DemoAlertBoard
{
    private static readonly (string Title, int Width)[] Columns =
    [
        ("START (UTC)", 16), ("END", 11), ("TYPE", 18), ("STATUS", 6), ("VESSEL", 28), ("COUNTERPART / PORT", 28), ("WHERE", 15), ("CONF", 6),
    ];

    private readonly Lock _gate = new();
    private readonly Dictionary<string, AlertUpdate> _latest = new(StringComparer.Ordinal);
    private readonly List<AlertUpdate> _updates = [];

    /// <summary>The header line of the table.</summary>
    public static string Header => Line(Columns.Select(c => c.Title).ToArray());

    public int UpdateCount
    {
        get
        {
            lock (_gate)
            {
                return _updates.Count;
            }
        }
    }

    /// <summary>Records an update; returns its table line.</summary>
    public string Add(AlertUpdate alert)
    {
        lock (_gate)
        {
            _updates.Add(alert);
            _latest[alert.AlertId] = alert;
        }

        return Row(alert);
    }

    /// <summary>The latest update of every alert, by start time.</summary>
    public IReadOnlyList<AlertUpdate> Latest()
    {
        lock (_gate)
        {
            return [.. _latest.Values.OrderBy(a => a.Start).ThenBy(a => a.AlertId, StringComparer.Ordinal)];
        }
    }

    /// <summary>Every update read, in arrival order.</summary>
    public IReadOnlyList<AlertUpdate> Updates()
    {
        lock (_gate)
        {
            return [.. _updates];
        }
    }

    /// <summary>Updates read, by (type, status), in type then status order.</summary>
    public IReadOnlyList<(string Type, string Status, int Count)> CountsByTypeAndStatus()
    {
        lock (_gate)
        {
            return [.. _updates
                .GroupBy(u => (u.Type, u.Status))
                .OrderBy(g => g.Key.Type, StringComparer.Ordinal)
                .ThenBy(g => g.Key.Status, StringComparer.Ordinal)
                .Select(g => (g.Key.Type, g.Key.Status, g.Count()))];
        }
    }

    /// <summary>One alert's line: start, end, type, status, vessel, counterpart or port, position, confidence.</summary>
    public static string Row(AlertUpdate a)
    {
        var c = CultureInfo.InvariantCulture;
        var end = a.End is { } e
            ? e.ToString(e.Date == a.Start.Date ? "HH:mm" : "MM-dd HH:mm", c)
            : "-";
        var other = a.Counterpart is { } cp ? Vessel(cp) : a.Port is { } p ? $"{p.Name}, {p.Country}" : "-";
        var where = string.Create(c, $"{Math.Abs(a.Position.Lat):0.00}{(a.Position.Lat >= 0 ? 'N' : 'S')} {Math.Abs(a.Position.Lon):0.00}{(a.Position.Lon >= 0 ? 'E' : 'W')}");
        return Line([a.Start.ToString("yyyy-MM-dd HH:mm", c), end, a.Type, a.Status, Vessel(a.Vessel), other, where, a.Confidence]);
    }

    private static string Vessel(AlertVessel v) =>
        v.Name is { Length: > 0 } name ? $"{name} / {v.Mmsi.ToString(CultureInfo.InvariantCulture)}" : v.Mmsi.ToString(CultureInfo.InvariantCulture);

    private static string Line(string[] cells)
    {
        var parts = new string[cells.Length];
        for (var i = 0; i < cells.Length; i++)
        {
            var width = Columns[i].Width;
            var text = cells[i].Length <= width ? cells[i] : cells[i][..(width - 1)] + "…";
            parts[i] = i == cells.Length - 1 ? text : text.PadRight(width);
        }

        return string.Join("  ", parts);
    }
}
