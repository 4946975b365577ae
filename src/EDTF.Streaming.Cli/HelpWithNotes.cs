using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace EDTF.Streaming.Cli;

/// <summary>The generated help, followed by the command's <see cref="EdtfCommand.Notes"/>.</summary>
internal sealed class HelpWithNotes(HelpAction help) : SynchronousCommandLineAction
{
    public override bool ClearsParseErrors => true;

    public override int Invoke(ParseResult parseResult)
    {
        var exitCode = help.Invoke(parseResult);
        if (parseResult.CommandResult.Command is EdtfCommand { Notes.Length: > 0 } command)
        {
            var output = parseResult.InvocationConfiguration.Output;
            output.WriteLine(command.Notes.TrimEnd());
            output.WriteLine();
        }

        return exitCode;
    }
}
