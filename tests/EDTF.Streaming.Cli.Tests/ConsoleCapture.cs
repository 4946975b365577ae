namespace EDTF.Streaming.Cli.Tests;

/// <summary>
/// The test classes that swap <see cref="Console.Error"/> (process-wide) to read what a command wrote: one collection,
/// so that they run one after another and one never restores the writer while another is reading.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ConsoleCapture
{
    public const string Name = "Console.Error capture";
}
