using EDTF.Streaming.Ais;
using EDTF.Streaming.Ais.Formats;

namespace EDTF.Streaming.Kafka.Replay;

/// <summary>Reads a CSV or Parquet file as replay records: each report becomes one AIS JSON record (<see cref="AisReportJson"/>).</summary>
internal static class CsvReplaySource
{
    private static readonly string ContentType = AisReportJson.ContentType;

    public static IEnumerable<ReplayRecord> Read(string file, AisInputFormat format, ReplaySourceContext context)
    {
        var rowFilter = new InputFilter { Box = context.Options.Filter.Box, Mmsis = context.Options.Filter.Mmsis, FromMs = context.Options.FromMs, ToMs = context.Options.ToMs };
        foreach (var item in AisInputReader.ReadFile(file, format, context.Progress, rowFilter))
        {
            if (item.Reject is { } reject)
            {
                context.Reject(reject);
                continue;
            }

            var report = item.Report;
            if (context.Keeps(report, report.EventTimeMs))
            {
                yield return new ReplayRecord(report.Mmsi, report.EventTimeMs, AisReportJson.SerializeToUtf8Bytes(report), ContentType, file, report.Line);
            }
        }
    }
}

/// <summary>
/// What a replay source shares with the run (the options with window and filter, the run's counters) and what it owns: the
/// progress of its one file. Counts every reject, skip and record in both.
/// </summary>
/// <remarks>Used by the thread that reads the file; the counters are safe to read from others.</remarks>
internal sealed record ReplaySourceContext(ReplayOptions Options, ReplayStatistics Statistics, InputProgress Progress)
{
    /// <summary>Counts a rejected row or line.</summary>
    public void Reject(InputReject reject)
    {
        Statistics.OnReject(reject);
        Progress.OnRejected(reject.Reason);
    }

    /// <summary>True, counting the record, when the report at <paramref name="timeMs"/> is in the window and kept by the filter; else counts the skip.</summary>
    public bool Keeps(in AisReport report, long? timeMs)
    {
        if (!Options.InWindow(timeMs))
        {
            Statistics.OnOutsideWindow();
            Progress.OnFiltered();
            return false;
        }

        if (!Options.Filter.Keeps(report))
        {
            Statistics.OnFiltered();
            Progress.OnFiltered();
            return false;
        }

        Progress.OnAccepted(timeMs);
        return true;
    }
}

/// <summary>Opens the replay source for a file of a known format.</summary>
internal static class ReplaySources
{
    public static IEnumerable<ReplayRecord> Open(string file, AisInputFormat format, ReplaySourceContext context) => format switch
    {
        AisInputFormat.CsvMarineCadastre or AisInputFormat.CsvDma => CsvReplaySource.Read(file, format, context),
        AisInputFormat.Nmea => NmeaReplaySource.Read(file, context),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "resolve Auto first"),
    };
}
