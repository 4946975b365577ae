namespace EDTF.Streaming.Ais.Formats;

/// <summary>A value that parses but lies outside <see cref="InputLimits"/>; carries the reject reason.</summary>
internal sealed class InputRangeException(RejectReason reason, string message) : FormatException(message)
{
    public RejectReason Reason { get; } = reason;
}
