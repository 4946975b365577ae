using System.Globalization;
using EDTF.Streaming.Ais.Formats;

namespace EDTF.Streaming.Cli.Progress;

/// <summary>When a command shows progress on standard error (<c>--progress</c>).</summary>
internal enum ProgressMode
{
    /// <summary>When standard error is a terminal.</summary>
    Auto,

    /// <summary>Always: on a terminal one line redrawn in place, else one line per interval.</summary>
    Always,

    /// <summary>Never (<c>--quiet</c> too).</summary>
    Never,
}

/// <summary>
/// Shows the progress of a long read on standard error, at most once per <see cref="Interval"/>: bytes read of the total
/// (compressed bytes for archives), rows, rate, event time reached and time left. On a terminal the line is redrawn in
/// place; elsewhere each one is a line of its own.
/// </summary>
/// <remarks>
/// Lines are written from the clock's timer callbacks (thread pool), under a lock shared with <see cref="Dispose"/>; the
/// counters are read from the files' <see cref="InputProgress"/>, which the reading thread writes.
/// </remarks>
internal sealed class InputProgressPrinter : IDisposable
{
    /// <summary>The time between two lines.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    private readonly string _command;
    private readonly Func<IReadOnlyList<InputProgress>> _files;
    private readonly TextWriter _writer;
    private readonly TimeProvider _clock;
    private readonly bool _redraw;
    private readonly long _started;
    private readonly Lock _lock = new();
    private readonly ITimer _timer;
    private int _lastWidth;
    private bool _disposed;

    public InputProgressPrinter(string command, Func<IReadOnlyList<InputProgress>> files, TextWriter writer, TimeProvider clock, bool redraw)
    {
        _command = command;
        _files = files;
        _writer = writer;
        _clock = clock;
        _redraw = redraw;
        _started = clock.GetTimestamp();
        _timer = clock.CreateTimer(_ => Print(), null, Interval, Interval);
    }

    /// <summary>The mode a <c>--progress</c> value names; <c>--quiet</c> means <see cref="ProgressMode.Never"/>.</summary>
    public static ProgressMode Mode(string? progress, bool quiet) =>
        quiet ? ProgressMode.Never : progress switch
        {
            "always" => ProgressMode.Always,
            "never" => ProgressMode.Never,
            _ => ProgressMode.Auto,
        };

    /// <summary>Whether <paramref name="mode"/> shows progress when standard error is (or is not) a terminal.</summary>
    public static bool IsShown(ProgressMode mode, bool stderrIsTerminal) =>
        mode == ProgressMode.Always || (mode == ProgressMode.Auto && stderrIsTerminal);

    /// <summary>The progress line for <paramref name="now"/>, <paramref name="elapsed"/> after the start.</summary>
    public static string Describe(string command, ProgressSnapshot now, TimeSpan elapsed)
    {
        var inv = CultureInfo.InvariantCulture;
        var seconds = Math.Max(elapsed.TotalSeconds, 1e-9);
        var byteRate = now.BytesRead / seconds;
        var read = now.TotalBytes > 0
            ? string.Create(inv, $"{100.0 * now.BytesRead / now.TotalBytes:F1}% of {Megabytes(now.TotalBytes)} ({Megabytes(now.BytesRead)})")
            : Megabytes(now.BytesRead);
        var eventTime = now.EventMs is { } t
            ? DateTimeOffset.FromUnixTimeMilliseconds(t).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", inv)
            : "-";
        var left = now.TotalBytes > 0 && now.BytesRead > 0
            ? Duration(TimeSpan.FromSeconds((now.TotalBytes - now.BytesRead) / byteRate))
            : "?";
        return string.Create(inv,
            $"{command}: {read} read, {now.Rows:N0} rows, {now.Rows / seconds:N0} rows/s ({byteRate / 1e6:F1} MB/s), event time {eventTime}, {left} left");
    }

    /// <summary>Writes the line for now (also what the timer does every <see cref="Interval"/>).</summary>
    public void Print()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            var text = Describe(_command, ProgressSnapshot.Of(_files()), _clock.GetElapsedTime(_started));
            if (_redraw)
            {
                var pad = Math.Max(0, _lastWidth - text.Length);
                _lastWidth = text.Length;
                _writer.Write("\r" + text + new string(' ', pad));
            }
            else
            {
                _writer.WriteLine(text);
            }

            _writer.Flush();
        }
    }

    /// <summary>Stops the lines; on a terminal ends the redrawn line so that what follows starts on a line of its own.</summary>
    public void Dispose()
    {
        _timer.Dispose();
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            if (_redraw && _lastWidth > 0)
            {
                _writer.WriteLine();
                _writer.Flush();
            }
        }
    }

    private static string Megabytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e6:N1} MB");

    private static string Duration(TimeSpan span) =>
        string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours}:{span.Minutes:D2}:{span.Seconds:D2}");
}
