using System.Diagnostics;
using System.Globalization;
using EDTF.Streaming.Kafka.Replay;

namespace EDTF.Streaming.Cli.Replay;

/// <summary>
/// Shows a replay's progress on stderr: a redrawn bar on a terminal (records, event time reached, rate, ETA),
/// a plain line every few seconds otherwise.
/// </summary>
internal sealed class ReplayProgressPrinter : IAsyncDisposable
{
    private static readonly TimeSpan TerminalInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(10);

    private readonly ReplayRunner _runner;
    private readonly TextWriter _writer;
    private readonly bool _terminal;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _lastWidth;

    public ReplayProgressPrinter(ReplayRunner runner, TextWriter writer, bool terminal)
    {
        _runner = runner;
        _writer = writer;
        _terminal = terminal;
        _loop = LoopAsync();
    }

    /// <summary>The progress text for the current counters (public for tests).</summary>
    public static string Describe(ReplayStatistics statistics, long bytesRead, long totalBytes, TimeSpan elapsed, bool bar)
    {
        var fraction = totalBytes > 0 ? Math.Clamp((double)bytesRead / totalBytes, 0, 1) : 0;
        var rate = elapsed.TotalSeconds > 0 ? statistics.Sent / elapsed.TotalSeconds : 0;
        var eventTime = statistics.LastEventMs is { } t ? TimeArgument.Format(t) : "-";
        var eta = fraction > 0.001 ? FormatDuration(elapsed * ((1 - fraction) / fraction)) : "?";
        var text = string.Create(
            CultureInfo.InvariantCulture,
            $"{statistics.Sent:N0} records  event {eventTime}  {rate:N0} rec/s  ETA {eta}");
        if (statistics.Rejected > 0)
        {
            text += string.Create(CultureInfo.InvariantCulture, $"  bad {statistics.Rejected:N0}");
        }

        if (!bar)
        {
            return string.Create(CultureInfo.InvariantCulture, $"replay: {fraction:P0} ") + text;
        }

        const int width = 24;
        var filled = (int)Math.Round(fraction * width);
        return "[" + new string('#', filled) + new string('.', width - filled) + "] "
            + string.Create(CultureInfo.InvariantCulture, $"{fraction,4:P0} ") + text;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        if (_terminal)
        {
            Print();
            await _writer.WriteLineAsync().ConfigureAwait(false);
        }

        _stop.Dispose();
    }

    private static string FormatDuration(TimeSpan span) =>
        span.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours}:{span.Minutes:D2}:{span.Seconds:D2}")
            : string.Create(CultureInfo.InvariantCulture, $"{span.Minutes}:{span.Seconds:D2}");

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(_terminal ? TerminalInterval : PlainInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                Print();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Print()
    {
        var text = Describe(_runner.Statistics, _runner.Progress.BytesRead, _runner.TotalBytes, _clock.Elapsed, _terminal);
        if (_terminal)
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
