using System.CommandLine;
using System.Xml;
using EDTF.Streaming.Cli.Watchlists;

namespace EDTF.Streaming.Cli.Commands;

/// <summary><c>edtf watchlist</c>: the watch list's sources; <c>import</c> normalises OFAC's SDN files, the UN consolidated list and the project's CSV into one list.</summary>
internal static class WatchlistCommand
{
    public static Command Create()
    {
        var command = new Command("watchlist", "Watch lists from the official sources (OFAC SDN, UN Security Council consolidated list).");
        command.Subcommands.Add(CreateImport());
        command.Subcommands.Add(WatchlistPublishCommand.Create());
        return command;
    }

    private static EdtfCommand CreateImport()
    {
        var input = new Option<string[]>("--input")
        {
            Description = "OFAC sdn.csv (alt.csv aliases, add.csv), UN consolidated list XML, or the project's CSV; format detected from the content",
            HelpName = "FILE",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        }.ExistingFile();
        var output = new Option<string>("--output")
        {
            Description = "the normalised list (the project's CSV with aliases, flag, designation_date, entry_id); '-' is standard output",
            HelpName = "FILE|-",
            DefaultValueFactory = _ => "-",
        };
        var programs = new Option<string>("--programs")
        {
            Description = "programmes kept from the official lists, comma-separated ('*' keeps all)",
            HelpName = "LIST",
            DefaultValueFactory = _ => string.Join(',', WatchlistImport.DprkPrograms),
        };
        var command = new EdtfCommand(
            "import",
            "Import OFAC SDN, UN consolidated list and the project's CSV into one normalised watch list.",
            """
            Official entries (OFAC, UN) are kept when one of their programmes is in --programs; UN entries carry programme
            UN-<list type> (UN-DPRK for the 1718 Committee). Entries of the project's CSV are kept whatever their programme.
            An entry whose IMO number fails its check digit is rejected and named on stderr. What was read, kept and rejected
            (counts by reason) goes to stderr. The output loads wherever a watch list is read (--watchlist).
            Exit code 0 on success, 1 when a file cannot be read, 2 for a bad command line.
            """)
        {
            input, output, programs,
        };
        command.SetRun((parseResult, cancellationToken) => Interruptible.RunAsync(
            () => Run(
                parseResult.GetRequiredValue(input),
                parseResult.GetRequiredValue(output),
                parseResult.GetRequiredValue(programs),
                parseResult.InvocationConfiguration.Output,
                parseResult.InvocationConfiguration.Error),
            cancellationToken));
        return command;
    }

    private static int Run(string[] inputs, string output, string programList, TextWriter stdout, TextWriter stderr)
    {
        var programs = programList.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var import = new WatchlistImport(programs.Contains("*") ? null : new HashSet<string>(programs, StringComparer.OrdinalIgnoreCase));
        foreach (var path in inputs)
        {
            try
            {
                import.Read(path);
            }
            catch (Exception ex) when (ex is FormatException or IOException or UnauthorizedAccessException or XmlException)
            {
                stderr.WriteLine($"edtf watchlist import: {ex.Message}");
                return 1;
            }
        }

        import.Finish();
        try
        {
            if (output == "-")
            {
                import.Write(stdout);
            }
            else
            {
                using var writer = new StreamWriter(output);
                import.Write(writer);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"edtf watchlist import: cannot write '{output}': {ex.Message}");
            return 1;
        }

        import.Report(stderr);
        return 0;
    }
}
