using System.Diagnostics;
using EDTF.Streaming.Tests;

namespace EDTF.Streaming.Cli.Tests.Deploy;

/// <summary>A fact that is skipped, saying how to install it, when a command-line tool is not on PATH.</summary>
internal sealed class ToolFactAttribute : FactAttribute
{
    public ToolFactAttribute(string tool, string aptPackage)
    {
        if (!Tools.OnPath(tool))
        {
            Skip = tool + " is not installed (Debian: apt-get install " + aptPackage + ")";
        }
    }
}

internal static class Tools
{
    public static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Any(dir => dir.Length > 0 && File.Exists(Path.Combine(dir, tool)));

    public static (int ExitCode, string Output) Run(string tool, params string[] args)
    {
        var psi = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = TestPaths.RepositoryRoot };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException(tool + " did not finish within 60 s");
        }

        return (p.ExitCode, stdout.Result + stderr.Result);
    }
}

public sealed class LintTests
{
    [ToolFact("yamllint", "yamllint")]
    public void Yamllint_DeployFolder_IsClean()
    {
        var (exit, output) = Tools.Run("yamllint", "-f", "parsable", "-c", "deploy/.yamllint", "deploy");

        exit.Should().Be(0, output);
    }

    [ToolFact("promtool", "prometheus")]
    public void Promtool_ConfigAndRules_AreValid()
    {
        var config = Tools.Run("promtool", "check", "config", "deploy/prometheus/prometheus.yml");
        var rules = Tools.Run("promtool", "check", "rules", "deploy/prometheus/rules.yml");

        config.ExitCode.Should().Be(0, config.Output);
        rules.ExitCode.Should().Be(0, rules.Output);
    }
}
