namespace EDTF.Streaming.WebConsole.Alerts;

/// <summary>One alert: its newest update and every distinct update read so far, oldest first. Immutable snapshot.</summary>
internal sealed record ConsoleAlert(AlertView Latest, IReadOnlyList<AlertView> History);
