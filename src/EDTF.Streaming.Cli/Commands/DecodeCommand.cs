using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using EDTF.Streaming.Ais;
using EDTF.Streaming.Cli.Decoding;

namespace EDTF.Streaming.Cli.Commands;

/// <summary><c>edtf decode</c>: AIS lines in, one JSON object per decoded message out, errors and a summary on stderr.</summary>
internal static class DecodeCommand
{
    private const int DefaultMaxErrors = 20;

    public static Command Create()
    {
        var input = new Option<string>("--input")
        {
            Description = "AIS capture: !xxVDM/!xxVDO lines, with TAG blocks, timestamps or $PGHP lines; gzip, zstd and zip are unpacked (told by content)",
            HelpName = "FILE",
            Required = true,
        }.ExistingFile();
        var output = new Option<string>("--output")
        {
            Description = "where to write one JSON object per decoded message; '-' is standard output",
            HelpName = "FILE|-",
            DefaultValueFactory = _ => "-",
        };
        var maxErrors = new Option<int>("--max-errors")
        {
            Description = "rejected lines printed on stderr (all are counted)",
            HelpName = "N",
            DefaultValueFactory = _ => DefaultMaxErrors,
        }.InRange(0, int.MaxValue);
        var command = new EdtfCommand(
            "decode",
            "Decode an AIS capture (NMEA/TAG block/Gatehouse lines; gzip, zstd or zip too) to JSON lines.",
            "A summary (messages by type, rejects by reason, sentences/s) goes to stderr at the end.")
        {
            input, output, maxErrors,
        };
        command.SetRun((parseResult, cancellationToken) => Interruptible.RunAsync(
            () => Run(parseResult.GetRequiredValue(input), parseResult.GetRequiredValue(output), parseResult.GetValue(maxErrors)),
            cancellationToken));
        return command;
    }

    private static int Run(string input, string output, int maxErrors)
    {
        Stream stream;
        try
        {
            stream = output == "-" ? Console.OpenStandardOutput() : new FileStream(output, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"edtf decode: cannot write '{output}': {ex.Message}");
            return EdtfCommandLine.UsageError;
        }

        using (stream)
        {
            Decode(input, stream, Console.Error, maxErrors);
        }

        return 0;
    }

    /// <summary>Decodes <paramref name="input"/> to JSON lines on <paramref name="output"/>; rejects (up to the cap) and the summary go to <paramref name="errors"/>.</summary>
    internal static DecoderStatistics Decode(string input, Stream output, TextWriter errors, int maxErrors)
    {
        var stopwatch = Stopwatch.StartNew();
        var decoder = new NmeaDecoder();
        using var sink = new DecodeJsonSink(output, errors, maxErrors);
        NmeaFileReader.Decode(input, decoder, sink);
        sink.Flush();
        stopwatch.Stop();
        WriteSummary(errors, decoder.Statistics, sink.ErrorsSuppressed, stopwatch.Elapsed);
        return decoder.Statistics;
    }

    private static void WriteSummary(TextWriter w, DecoderStatistics s, long suppressed, TimeSpan elapsed)
    {
        var seconds = Math.Max(elapsed.TotalSeconds, 1e-6);
        if (suppressed > 0)
        {
            w.WriteLine($"... {suppressed} more rejected lines not shown (--max-errors).");
        }

        w.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"decoded {s.Lines} lines, {s.Sentences} sentences, {s.Messages} messages, {s.Rejects} rejects in {elapsed.TotalSeconds:0.000} s ({s.Sentences / seconds:N0} sentences/s)"));
        w.WriteLine("messages by type: " + string.Join(", ", s.MessagesByType().Select(kv => $"{kv.Key}={kv.Value}")));
        w.WriteLine("rejects by reason: " + (s.Rejects == 0 ? "none" : string.Join(", ", s.RejectsByReason().Select(kv => $"{RejectReasons.ToLabel(kv.Key)}={kv.Value}"))));
        w.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"skipped: {s.IgnoredLines} blank/comment lines, {s.EmptySentences} empty sentences, {s.MetadataSentences} $PGHP; short messages decoded partially: {s.ShortMessages}"));
    }
}
