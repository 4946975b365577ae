using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using EDTF.Streaming.Cli.Commands;

namespace EDTF.Streaming.Cli;

/// <summary>The <c>edtf</c> command line: every command and option, parsed, validated and invoked by System.CommandLine.</summary>
internal static class EdtfCommandLine
{
    /// <summary>Exit code of a bad command line (parse or validation error, unknown option, missing file).</summary>
    public const int UsageError = 2;

    /// <summary>The root command with every subcommand, a <c>--help</c> that ends with each command's notes, and <c>--version</c>.</summary>
    public static RootCommand Build()
    {
        var root = new RootCommand("edtf: watches AIS for dark periods, ship-to-ship transfers and port calls by vessels of interest.")
        {
            AlertsCommand.Create(),
            BrokerCommand.Create(),
            ConsoleCommand.Create(),
            DecodeCommand.Create(),
            DemoCommand.Create(),
            DetectCommand.Create(),
            LedgerCommand.Create(),
            ReplayCommand.Create(),
            RunCommand.Create(),
            ScoreCommand.Create(),
            SimulateCommand.Create(),
            WatchlistCommand.Create(),
        };
        foreach (var option in root.Options)
        {
            if (option is HelpOption { Action: HelpAction help })
            {
                option.Action = new HelpWithNotes(help);
            }
            else if (option is VersionOption)
            {
                option.Action = new PrintVersion();
            }
        }

        var helpCommand = new Command("help", "same as --help") { Hidden = true };
        helpCommand.SetAction(parseResult => root.Parse("--help").Invoke(parseResult.InvocationConfiguration));
        root.Subcommands.Add(helpCommand);
        return root;
    }

    /// <summary>
    /// Parses <paramref name="args"/> and runs the command with <paramref name="cancellationToken"/> as its one shutdown token;
    /// help, usage errors and the messages of <see cref="CommandLineException"/> go to <paramref name="output"/> and <paramref name="error"/>
    /// (the console when null). Returns the exit code: the command's, or <see cref="UsageError"/> for a bad command line.
    /// </summary>
    public static async Task<int> InvokeAsync(IReadOnlyList<string> args, CancellationToken cancellationToken, TextWriter? output = null, TextWriter? error = null)
    {
        var configuration = new InvocationConfiguration
        {
            // Signals are handled once, by ShutdownSignal, whose token the caller passes in; System.CommandLine's own handler would
            // end the process two seconds after a signal, before `edtf run` has flushed its alerts and stored its offsets.
            ProcessTerminationTimeout = null,
            Output = output ?? Console.Out,
            Error = error ?? Console.Error,
        };
        // No response files: '@FILE' is a value of its own (--mmsi @FILE reads a list of MMSIs), never expanded into arguments.
        var parseResult = Build().Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        var exitCode = await parseResult.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        return parseResult.Action is ParseErrorAction ? UsageError : exitCode;
    }
}
