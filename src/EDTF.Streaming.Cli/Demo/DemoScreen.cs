using System.Text;

namespace EDTF.Streaming.Cli.Demo;

/// <summary>
/// The demo's output: on a terminal a screen redrawn in place (information lines, the alert table, a status line);
/// otherwise plain appended lines (information, one line per alert update, milestones).
/// </summary>
/// <remarks>Called from the alert reader's thread and the demo's own: members lock.</remarks>
internal sealed class DemoScreen(TextWriter output, bool terminal, Func<(int Rows, int Columns)> screenSize)
{
    private readonly Lock _gate = new();
    private readonly List<string> _info = [];
    private readonly List<string> _order = [];
    private readonly Dictionary<string, string> _rows = new(StringComparer.Ordinal);
    private bool _cleared;
    private string _status = "";
    private bool _dirty = true;
    private bool _headerWritten;

    public bool IsTerminal => terminal;

    /// <summary>A line that stays on top of the screen (scenario, broker, metrics URL).</summary>
    public void Info(string line)
    {
        lock (_gate)
        {
            _info.Add(line);
            _dirty = true;
            if (!terminal)
            {
                output.WriteLine(line);
                output.Flush();
            }
        }
    }

    /// <summary>The status line (progress); appended too when <paramref name="milestone"/> and not on a terminal.</summary>
    public void Status(string text, bool milestone = false)
    {
        lock (_gate)
        {
            _dirty |= !string.Equals(_status, text, StringComparison.Ordinal);
            _status = text;
            if (!terminal && milestone)
            {
                output.WriteLine(text);
                output.Flush();
            }
        }
    }

    /// <summary>An alert update's table line, as it arrives: replaces the alert's line on a terminal, appended otherwise.</summary>
    public void Alert(string alertId, string row)
    {
        lock (_gate)
        {
            if (!_rows.ContainsKey(alertId))
            {
                _order.Add(alertId);
            }

            _rows[alertId] = row;
            _dirty = true;
            if (!terminal)
            {
                if (!_headerWritten)
                {
                    output.WriteLine(DemoAlertBoard.Header);
                    _headerWritten = true;
                }

                output.WriteLine(row);
                output.Flush();
            }
        }
    }

    /// <summary>Redraws the terminal screen when something changed.</summary>
    public void Redraw()
    {
        lock (_gate)
        {
            if (!terminal || !_dirty)
            {
                return;
            }

            _dirty = false;
            var (rows, columns) = screenSize();
            var fit = Math.Max(1, rows - _info.Count - 4);
            var text = new StringBuilder(_cleared ? "\u001b[H" : "\u001b[H\u001b[2J");
            _cleared = true;
            foreach (var line in _info)
            {
                Append(text, line, columns);
            }

            Append(text, "", columns);
            Append(text, DemoAlertBoard.Header, columns);
            foreach (var id in _order.Skip(Math.Max(0, _order.Count - fit)))
            {
                Append(text, _rows[id], columns);
            }

            Append(text, _status, columns);
            text.Append("\u001b[J");
            output.Write(text.ToString());
            output.Flush();
        }
    }

    /// <summary>Text after the live part (the summary): on a terminal it goes below the last drawing.</summary>
    public void Write(string text)
    {
        lock (_gate)
        {
            output.Write(text);
            output.Flush();
        }
    }

    private static void Append(StringBuilder text, string line, int columns)
    {
        text.Append(line.Length > columns ? line[..columns] : line).Append("\u001b[K\n");
    }
}
