namespace EDTF.Streaming.Ais.Formats;

/// <summary>Reads an NMEA file (gzip by extension or magic bytes) through an <see cref="NmeaDecoder"/> as input items, rejects labelled as the decoder's reasons.</summary>
public static class NmeaInputReader
{
    /// <summary>Decodes every line of the file in order, then flushes incomplete multi-sentence groups as rejects.</summary>
    public static IEnumerable<AisInputItem> Read(string path, InputProgress? progress = null, NmeaDecoderOptions? options = null)
    {
        var decoder = new NmeaDecoder(options);
        var sink = new CollectingSink(path);
        using var stream = InputFiles.OpenRead(path, progress);
        long lineNumber = 0;
        foreach (var line in ByteLines.Read(stream))
        {
            decoder.DecodeLine(line.Span, ++lineNumber, null, sink);
            progress?.AddRows(1);
            if (sink.Items.Count > 0)
            {
                foreach (var item in sink.Items)
                {
                    yield return item;
                }

                sink.Items.Clear();
            }
        }

        decoder.Flush(sink);
        foreach (var item in sink.Items)
        {
            yield return item;
        }
    }

    /// <summary>The reject of a decoder as an <see cref="InputReject"/> (reason label, no field, detail with the line's text).</summary>
    public static InputReject ToInputReject(string file, in DecodeReject reject) =>
        new(file, reject.Line, RejectReasons.ToLabel(reject.Reason), null, $"{reject.Detail}: {reject.Text}");

    private sealed class CollectingSink(string file) : IAisReportSink
    {
        public List<AisInputItem> Items { get; } = [];

        public void OnReport(in AisReport report) => Items.Add(AisInputItem.FromReport(file, report));

        public void OnReject(in DecodeReject reject) => Items.Add(AisInputItem.FromReject(ToInputReject(file, reject)));
    }
}
