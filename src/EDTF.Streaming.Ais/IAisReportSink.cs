namespace EDTF.Streaming.Ais;

/// <summary>Receives what the decoder makes of its input: decoded reports and rejected lines, synchronously, in input order.</summary>
public interface IAisReportSink
{
    /// <summary>A decoded message (multi-sentence messages once complete).</summary>
    void OnReport(in AisReport report);

    /// <summary>An input line (or fragment group) that could not be decoded.</summary>
    void OnReject(in DecodeReject reject);
}
