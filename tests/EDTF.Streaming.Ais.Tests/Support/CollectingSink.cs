namespace EDTF.Streaming.Ais.Tests.Support;

/// <summary>Keeps every report and reject it is given, in order.</summary>
internal sealed class CollectingSink : IAisReportSink
{
    public List<AisReport> Reports { get; } = [];

    public List<DecodeReject> Rejects { get; } = [];

    public void OnReport(in AisReport report) => Reports.Add(report);

    public void OnReject(in DecodeReject reject) => Rejects.Add(reject);

    /// <summary>Decodes a whole shared data file with a fresh decoder.</summary>
    public static CollectingSink DecodeFile(string relativePath, NmeaDecoderOptions? options = null)
    {
        var sink = new CollectingSink();
        NmeaFileReader.Decode(EDTF.Streaming.Tests.TestPaths.AisData(relativePath), new NmeaDecoder(options), sink);
        return sink;
    }

    /// <summary>Decodes lines given as text, numbering them from 1, then flushes.</summary>
    public static CollectingSink DecodeLines(params string[] lines)
    {
        var sink = new CollectingSink();
        var decoder = new NmeaDecoder();
        for (var i = 0; i < lines.Length; i++)
        {
            decoder.DecodeLine(System.Text.Encoding.Latin1.GetBytes(lines[i]), i + 1, null, sink);
        }

        decoder.Flush(sink);
        return sink;
    }
}
