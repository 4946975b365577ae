using EDTF.Streaming.Ais.Formats;

namespace EDTF.Streaming.Kafka.Replay;

/// <summary>Reads a CSV file as replay records: each report becomes one AIS JSON record (<see cref="AisReportJson"/>).</summary>
internal static class CsvReplaySource
{
    private static readonly string ContentType = AisReportJson.ContentType;

    public static IEnumerable<ReplayRecord> Read(string file, AisInputFormat format, ReplaySourceContext context)
    {
        foreach (var item in CsvAisReader.Read(file, format, context.Progress))
        {
            if (item.Reject is { } reject)
            {
                context.Statistics.OnReject(reject);
                continue;
            }

            var report = item.Report;
            if (!context.Options.InWindow(report.EventTimeMs))
            {
                context.Statistics.OnOutsideWindow();
                continue;
            }

            if (!context.Options.Filter.Keeps(report))
            {
                context.Statistics.OnFiltered();
                continue;
            }

            yield return new ReplayRecord(report.Mmsi, report.EventTimeMs, AisReportJson.SerializeToUtf8Bytes(report), ContentType, file, report.Line);
        }
    }
}

/// <summary>What every replay source shares: the options (window), the counters and the byte progress.</summary>
internal sealed record ReplaySourceContext(ReplayOptions Options, ReplayStatistics Statistics, InputProgress Progress);

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
