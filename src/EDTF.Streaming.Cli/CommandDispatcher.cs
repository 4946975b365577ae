namespace EDTF.Streaming.Cli;

/// <summary>Routes <c>edtf &lt;command&gt; [options]</c> to the command that handles it.</summary>
internal static class CommandDispatcher
{
    /// <summary>Every command, by name: each is a class implementing <see cref="ICommand"/> with a public parameterless constructor, in its own file under Commands/.</summary>
    private static readonly Dictionary<string, ICommand> Commands = typeof(ICommand).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ICommand).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null)
        .Select(t => (ICommand)Activator.CreateInstance(t)!)
        .ToDictionary(c => c.Name, StringComparer.Ordinal);

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            PrintUsage(Console.Out);
            return args.Length == 0 ? 2 : 0;
        }

        if (!Commands.TryGetValue(args[0], out var command))
        {
            await Console.Error.WriteLineAsync($"edtf: unknown command '{args[0]}'. Run 'edtf --help' for the list.").ConfigureAwait(false);
            return 2;
        }

        try
        {
            var options = CommandLineArgs.Parse(args.AsSpan(1).ToArray());
            if (options.Has("help") || options.Has("h"))
            {
                await Console.Out.WriteLineAsync(command.Usage).ConfigureAwait(false);
                return 0;
            }

            return await command.RunAsync(options).ConfigureAwait(false);
        }
        catch (CommandLineException ex)
        {
            await Console.Error.WriteLineAsync($"edtf {args[0]}: {ex.Message}\n\n{command.Usage}").ConfigureAwait(false);
            return 2;
        }
    }

    private static void PrintUsage(TextWriter writer)
    {
        writer.WriteLine("edtf: watches AIS for dark periods, ship-to-ship transfers and port calls by vessels of interest.");
        writer.WriteLine();
        writer.WriteLine("Commands:");
        foreach (var (name, command) in Commands.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            writer.WriteLine($"  {name,-10} {command.Summary}");
        }

        writer.WriteLine();
        writer.WriteLine("Run 'edtf <command> --help' for a command's options.");
    }
}

/// <summary>One subcommand of <c>edtf</c>.</summary>
internal interface ICommand
{
    /// <summary>The subcommand name, e.g. <c>decode</c>.</summary>
    string Name { get; }

    /// <summary>One line for the command list.</summary>
    string Summary { get; }

    /// <summary>The full usage text, printed on --help and on bad arguments.</summary>
    string Usage { get; }

    /// <summary>Runs the command; returns the process exit code.</summary>
    Task<int> RunAsync(CommandLineArgs args);
}
