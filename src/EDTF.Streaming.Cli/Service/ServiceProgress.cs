using System.Globalization;

namespace EDTF.Streaming.Cli.Service;

/// <summary>The service's running totals at one moment (read from its metrics), for the periodic progress line.</summary>
internal readonly record struct ServiceProgress(
    long RecordsConsumed,
    long SentencesDecoded,
    long DecodeRejects,
    long DeadLetters,
    long AlertUpdates,
    long VesselsTracked,
    long VesselsOfInterest,
    double? WatermarkLagSeconds,
    long LagRecords)
{
    /// <summary>
    /// One log line on what happened between <paramref name="earlier"/> and this snapshot, <paramref name="elapsed"/> apart:
    /// records and sentences with their rate, what is still to read and how long that takes at this rate, how far event time
    /// is behind the wall clock, vessels, alert updates, rejects and dead letters.
    /// </summary>
    public string Describe(ServiceProgress earlier, TimeSpan elapsed)
    {
        var seconds = Math.Max(elapsed.TotalSeconds, 1e-3);
        var records = RecordsConsumed - earlier.RecordsConsumed;
        var rate = records / seconds;
        var c = CultureInfo.InvariantCulture;
        var line = new System.Text.StringBuilder();
        line.Append(c, $"progress: {records:N0} records ({rate:N0}/s), {SentencesDecoded - earlier.SentencesDecoded:N0} sentences in the last {seconds:N0} s; ");
        line.Append(c, $"{RecordsConsumed:N0} records since start; ");
        if (LagRecords > 0)
        {
            line.Append(c, $"{LagRecords:N0} records to read");
            line.Append(rate >= 1 ? string.Create(c, $" (about {FormatDuration(TimeSpan.FromSeconds(LagRecords / rate))} at this rate); ") : " (no progress in this interval); ");
        }
        else
        {
            line.Append("caught up; ");
        }

        if (WatermarkLagSeconds is { } lag)
        {
            line.Append(c, $"event time {FormatDuration(TimeSpan.FromSeconds(Math.Max(0, lag)))} behind the clock; ");
        }

        line.Append(c, $"{VesselsTracked:N0} vessels tracked, {VesselsOfInterest:N0} of interest; ");
        line.Append(c, $"{AlertUpdates - earlier.AlertUpdates:N0} alert updates ({AlertUpdates:N0} since start), ");
        line.Append(c, $"{DecodeRejects - earlier.DecodeRejects:N0} rejected lines, {DeadLetters - earlier.DeadLetters:N0} dead letters");
        return line.ToString();
    }

    /// <summary>True when the line would say nothing new: no record read, nothing waiting.</summary>
    public bool IsIdleSince(ServiceProgress earlier) => RecordsConsumed == earlier.RecordsConsumed && LagRecords == 0;

    private static string FormatDuration(TimeSpan t) => t.TotalSeconds switch
    {
        < 90 => string.Create(CultureInfo.InvariantCulture, $"{t.TotalSeconds:N0} s"),
        < 5400 => string.Create(CultureInfo.InvariantCulture, $"{t.TotalMinutes:N0} min"),
        < 172_800 => string.Create(CultureInfo.InvariantCulture, $"{t.TotalHours:N1} h"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{t.TotalDays:N1} days"),
    };
}
