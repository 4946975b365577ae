namespace EDTF.Streaming.Cli.Tests.Detect;

/// <summary>
/// Test classes that capture the process-wide standard error (<see cref="Console.SetError"/>) to read detect's summary:
/// one collection, so they never run at the same time (one class restoring standard error while another captures it
/// sent the other's summary elsewhere).
/// </summary>
[CollectionDefinition(Name)]
public sealed class ConsoleErrorCollection
{
    public const string Name = "Console standard error";
}
