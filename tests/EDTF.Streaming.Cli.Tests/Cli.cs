namespace EDTF.Streaming.Cli.Tests;

/// <summary>Runs an <c>edtf</c> command line in process, as <c>Program</c> does, with the help and usage errors captured.</summary>
internal static class Cli
{
    public static Task<CliResult> RunAsync(params string[] args) => RunAsync(args, CancellationToken.None);

    public static async Task<CliResult> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await EdtfCommandLine.InvokeAsync(args, cancellationToken, output, error);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }
}

/// <summary>The exit code and what System.CommandLine and the command's usage errors wrote (the commands' own output goes to the console).</summary>
internal sealed record CliResult(int ExitCode, string Output, string Error);
