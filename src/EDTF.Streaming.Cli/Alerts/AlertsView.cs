using System.Globalization;
using System.Text.Json;

namespace EDTF.Streaming.Cli.Alerts;

/// <summary>
/// Shows alert updates as they are read: JSON bodies (<c>--json</c>), a live table redrawn on a terminal (<c>--follow</c>),
/// one line per update when following into a pipe, or the final table once the topic has been read to its end.
/// </summary>
internal sealed class AlertsView(TextWriter output, bool json, bool follow, bool terminal, string? type, Func<int> screenRows, TimeProvider? clock = null)
{
    private static readonly TimeSpan RedrawInterval = TimeSpan.FromMilliseconds(250);
    private readonly AlertTable _table = new();
    private readonly JsonWriterOptions _compact = new() { Indented = false };
    private bool _dirty = true;
    private bool _headerWritten;
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private long? _lastDrawTimestamp;

    /// <summary>Records that were not alert bodies.</summary>
    public long Unreadable { get; private set; }

    public AlertTable Table => _table;

    private bool Live => follow && terminal && !json;

    /// <summary>Handles one record value; returns a warning when it is not a readable alert.</summary>
    public string? Add(ReadOnlySpan<byte> value)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(value.ToArray());
        }
        catch (JsonException ex)
        {
            Unreadable++;
            return "not JSON: " + ex.Message;
        }

        using (document)
        {
            if (!AlertRow.TryParse(document.RootElement, out var row, out var error))
            {
                Unreadable++;
                return "not an alert: " + error;
            }

            if (type is not null && !string.Equals(row!.Type, type, StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            if (json)
            {
                WriteCompact(document.RootElement);
                return null;
            }

            var changed = _table.Upsert(row!);
            if (changed && follow && !terminal)
            {
                if (!_headerWritten)
                {
                    output.WriteLine(_table.Render(0)[0]);
                    _headerWritten = true;
                }

                output.WriteLine(AlertTable.RenderRow(row!));
                output.Flush();
            }

            _dirty |= changed;
            return null;
        }
    }

    /// <summary>Redraws the live table when something changed (at most four times a second).</summary>
    public void Tick()
    {
        if (!Live || !_dirty || (_lastDrawTimestamp is { } last && _clock.GetElapsedTime(last) < RedrawInterval))
        {
            return;
        }

        _dirty = false;
        _lastDrawTimestamp = _clock.GetTimestamp();
        var rows = Math.Max(1, screenRows() - 3);
        output.Write("\u001b[H\u001b[2J");
        foreach (var line in _table.Render(rows))
        {
            output.WriteLine(line);
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{_table.Count} alerts, {_table.OpenCount} open. Following; Ctrl-C to stop."));
        output.Flush();
    }

    /// <summary>End of reading: prints the table when it was not shown as it grew.</summary>
    public void Complete()
    {
        if (json || (follow && !terminal))
        {
            return;
        }

        if (Live)
        {
            _dirty = true;
            _lastDrawTimestamp = null;
            Tick();
            return;
        }

        foreach (var line in _table.Render())
        {
            output.WriteLine(line);
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{_table.Count} alerts, {_table.OpenCount} open."));
    }

    private void WriteCompact(JsonElement element)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, _compact))
        {
            element.WriteTo(writer);
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length));
        output.Flush();
    }
}
