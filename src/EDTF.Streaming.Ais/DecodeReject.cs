namespace EDTF.Streaming.Ais;

/// <summary>One rejected input: its 1-based line number, the reason, a short detail and the offending text.</summary>
public readonly record struct DecodeReject(long Line, RejectReason Reason, string Detail, string Text);
