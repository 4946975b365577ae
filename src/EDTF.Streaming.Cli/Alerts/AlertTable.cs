using System.Globalization;
using System.Text;

namespace EDTF.Streaming.Cli.Alerts;

/// <summary>The latest state of every alert seen (upserted by <c>alertId</c>), rendered as a text table ordered by start time.</summary>
internal sealed class AlertTable
{
    private static readonly string[] Headers = ["START (UTC)", "TYPE", "STATUS", "VESSEL", "MMSI", "IMO", "COUNTERPART / PORT", "DURATION"];
    private readonly Dictionary<string, AlertRow> _rows = new(StringComparer.Ordinal);

    public int Count => _rows.Count;

    public int OpenCount => _rows.Values.Count(r => r.Status == "open");

    /// <summary>Adds or replaces an alert's row; false when the update changes nothing.</summary>
    public bool Upsert(AlertRow row)
    {
        if (_rows.TryGetValue(row.AlertId, out var existing) && existing == row)
        {
            return false;
        }

        _rows[row.AlertId] = row;
        return true;
    }

    /// <summary>The table: a header line and one line per alert (the latest <paramref name="maxRows"/> by start time).</summary>
    public IReadOnlyList<string> Render(int maxRows = int.MaxValue)
    {
        var rows = _rows.Values
            .OrderBy(r => r.Start)
            .ThenBy(r => r.AlertId, StringComparer.Ordinal)
            .ToList();
        var shown = rows.Skip(Math.Max(0, rows.Count - maxRows)).Select(Cells).ToList();
        var widths = Headers.Select((h, i) => Math.Max(h.Length, shown.Count == 0 ? 0 : shown.Max(c => c[i].Length))).ToArray();
        var lines = new List<string>(shown.Count + 1) { Line(Headers, widths) };
        lines.AddRange(shown.Select(cells => Line(cells, widths)));
        return lines;
    }

    /// <summary>One row's line with natural widths (for streaming output, where widths cannot be known in advance).</summary>
    public static string RenderRow(AlertRow row) => string.Join("  ", Cells(row));

    public static string FormatDuration(TimeSpan? duration)
    {
        if (duration is not { } d)
        {
            return "-";
        }

        return d.TotalDays >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)d.TotalDays}d{d.Hours:D2}h")
            : string.Create(CultureInfo.InvariantCulture, $"{(int)d.TotalHours}h{d.Minutes:D2}m");
    }

    private static string[] Cells(AlertRow row) =>
    [
        row.Start.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        row.Type,
        row.Status,
        Truncate(row.Vessel, 24),
        row.Mmsi.ToString(CultureInfo.InvariantCulture),
        row.Imo?.ToString(CultureInfo.InvariantCulture) ?? "-",
        Truncate(row.Other, 32),
        FormatDuration(row.Duration) + (row.Status == "open" ? "+" : string.Empty),
    ];

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    private static string Line(string[] cells, int[] widths)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < cells.Length; i++)
        {
            builder.Append(i == cells.Length - 1 ? cells[i] : cells[i].PadRight(widths[i] + 2));
        }

        return builder.ToString().TrimEnd();
    }
}
