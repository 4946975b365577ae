using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;

namespace EDTF.Streaming.Cli;

/// <summary><c>edtf --version</c>: the informational version of the tool (package version and source revision).</summary>
internal sealed class PrintVersion : SynchronousCommandLineAction
{
    /// <summary>The <c>AssemblyInformationalVersion</c> of <c>edtf</c>, e.g. <c>0.1.0+3cdebf2...</c>.</summary>
    public static string Version { get; } =
        typeof(PrintVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public override int Invoke(ParseResult parseResult)
    {
        parseResult.InvocationConfiguration.Output.WriteLine(Version);
        return 0;
    }
}
