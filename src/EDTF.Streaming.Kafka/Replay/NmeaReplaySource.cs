using EDTF.Streaming.Ais;
using EDTF.Streaming.Ais.Formats;

namespace EDTF.Streaming.Kafka.Replay;

/// <summary>
/// Reads an NMEA file as replay records: each decoded message becomes one record whose value is its line(s) as they are
/// (the sentences of a multi-sentence message, and a preceding Gatehouse <c>$PGHP</c> line, joined by <c>\n</c>),
/// keyed by the decoded MMSI, timed by the decoded event time.
/// </summary>
/// <remarks>
/// A message whose lines carry no time takes the last event time seen earlier in the same file; before any, it has none.
/// Undecodable lines are rejects (the decoder's reasons) and are not sent.
/// </remarks>
internal static class NmeaReplaySource
{
    private const int MaxPendingGroups = 10_000;

    public static IEnumerable<ReplayRecord> Read(string file, ReplaySourceContext context)
    {
        var decoder = new NmeaDecoder();
        var sink = new CapturingSink();
        var pending = new Dictionary<string, List<byte[]>>(StringComparer.Ordinal);
        byte[]? gatehouse = null;
        long? lastTimeMs = null;
        long lineNumber = 0;
        using var stream = InputFiles.OpenRead(file, context.Progress);
        foreach (var memory in ByteLines.Read(stream))
        {
            var line = memory.Span;
            lineNumber++;
            context.Progress.AddRows(1);
            decoder.DecodeLine(line, lineNumber, null, sink);
            var shape = NmeaLineShape.Of(line);
            byte[]? value = null;
            if (shape.IsGatehouse)
            {
                gatehouse = line.ToArray();
            }
            else if (shape.IsFragment)
            {
                value = AddFragment(pending, shape, line, ref gatehouse, sink.HasReport);
            }
            else if (!line.Trim(" \t"u8).IsEmpty)
            {
                value = sink.HasReport ? Join(gatehouse, line) : null;
                gatehouse = null;
            }

            foreach (var reject in sink.Rejects)
            {
                context.Reject(NmeaInputReader.ToInputReject(file, reject));
            }

            sink.Rejects.Clear();
            if (!sink.HasReport)
            {
                continue;
            }

            var report = sink.TakeReport();
            var timeMs = report.EventTimeMs ?? lastTimeMs;
            lastTimeMs = timeMs;
            if (context.Keeps(report, timeMs))
            {
                yield return new ReplayRecord(report.Mmsi, timeMs, value ?? line.ToArray(), null, file, report.Line);
            }
        }

        decoder.Flush(sink);
        foreach (var reject in sink.Rejects)
        {
            context.Reject(NmeaInputReader.ToInputReject(file, reject));
        }
    }

    /// <summary>Adds a fragment to its group; when the decoder completed the message on this line, returns the group's lines joined.</summary>
    private static byte[]? AddFragment(Dictionary<string, List<byte[]>> pending, in NmeaLineShape shape, ReadOnlySpan<byte> line, ref byte[]? gatehouse, bool completed)
    {
        var key = shape.GroupKey!;
        if (!pending.TryGetValue(key, out var lines) || shape.FragmentNumber == 1)
        {
            if (pending.Count >= MaxPendingGroups)
            {
                pending.Clear();
            }

            pending[key] = lines = [];
            if (gatehouse is not null)
            {
                lines.Add(gatehouse);
            }
        }

        gatehouse = null;
        lines.Add(line.ToArray());
        if (!completed)
        {
            return null;
        }

        pending.Remove(key);
        return JoinAll(lines);
    }

    private static byte[] Join(byte[]? first, ReadOnlySpan<byte> line)
    {
        if (first is null)
        {
            return line.ToArray();
        }

        var value = new byte[first.Length + 1 + line.Length];
        first.CopyTo(value, 0);
        value[first.Length] = (byte)'\n';
        line.CopyTo(value.AsSpan(first.Length + 1));
        return value;
    }

    private static byte[] JoinAll(List<byte[]> lines)
    {
        var value = new byte[lines.Sum(l => l.Length) + lines.Count - 1];
        var at = 0;
        foreach (var line in lines)
        {
            if (at > 0)
            {
                value[at++] = (byte)'\n';
            }

            line.CopyTo(value, at);
            at += line.Length;
        }

        return value;
    }

    /// <summary>Keeps the report (at most one per line) and rejects the decoder gives for the current line.</summary>
    private sealed class CapturingSink : IAisReportSink
    {
        private AisReport _report;

        public bool HasReport { get; private set; }

        public List<DecodeReject> Rejects { get; } = [];

        public void OnReport(in AisReport report)
        {
            _report = report;
            HasReport = true;
        }

        public void OnReject(in DecodeReject reject) => Rejects.Add(reject);

        public AisReport TakeReport()
        {
            HasReport = false;
            return _report;
        }
    }
}
