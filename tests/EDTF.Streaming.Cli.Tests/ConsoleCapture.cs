namespace EDTF.Streaming.Cli.Tests;

/// <summary>
/// The test classes that swap <see cref="Console.Error"/> (process-wide) to read what a command wrote: one collection,
/// so that they run one after another and one never restores the writer while another is reading.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ConsoleCapture
{
    public const string Name = "Console.Error capture";

    /// <summary>Runs a command line in process; its result and what it wrote to <see cref="Console.Error"/> (classes of this collection only).</summary>
    internal static async Task<(CliResult Result, string Errors)> RunAsync(params string[] args)
    {
        var errors = new StringWriter();
        var stderr = Console.Error;
        Console.SetError(errors);
        try
        {
            var result = await Cli.RunAsync(args, CancellationToken.None);
            return (result, errors.ToString());
        }
        finally
        {
            Console.SetError(stderr);
        }
    }
}
