namespace EDTF.Streaming.Cli;

/// <summary>A bad command line found while a command runs: the message says which option and why; the command exits 2.</summary>
internal sealed class CommandLineException(string message) : Exception(message);
