using System.CommandLine;

namespace EDTF.Streaming.Cli;

/// <summary>An <c>edtf</c> subcommand: its options, notes printed after them by <c>--help</c>, and an action that turns <see cref="CommandLineException"/> into exit code 2.</summary>
internal sealed class EdtfCommand(string name, string description, string notes) : Command(name, description)
{
    /// <summary>What the option list does not say (configuration, limits, exit codes), printed at the end of the command's help.</summary>
    public string Notes { get; } = notes;

    /// <summary>Sets the action: <paramref name="run"/> gets the parse result and the shutdown token and returns the exit code.</summary>
    public void SetRun(Func<ParseResult, CancellationToken, Task<int>> run) =>
        SetAction(async (parseResult, cancellationToken) =>
        {
            try
            {
                return await run(parseResult, cancellationToken).ConfigureAwait(false);
            }
            catch (CommandLineException ex)
            {
                var error = parseResult.InvocationConfiguration.Error;
                await error.WriteLineAsync($"edtf {Name}: {ex.Message}").ConfigureAwait(false);
                await error.WriteLineAsync($"Run 'edtf {Name} --help' for its options.").ConfigureAwait(false);
                return EdtfCommandLine.UsageError;
            }
        });
}
