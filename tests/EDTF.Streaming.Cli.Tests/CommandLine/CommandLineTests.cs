using System.CommandLine;
using System.CommandLine.Help;
using System.Reflection;
using EDTF.Streaming.Tests;

namespace EDTF.Streaming.Cli.Tests.CommandLine;

public sealed class CommandLineTests
{
    public static TheoryData<string> Commands() => [.. EdtfCommandLine.Build().Subcommands.Where(c => !c.Hidden).Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Help_EveryCommand_ListsEveryOptionWithItsDefault(string name)
    {
        var command = EdtfCommandLine.Build().Subcommands.Single(c => c.Name == name);

        var result = await Cli.RunAsync(name, "--help");

        result.ExitCode.Should().Be(0);
        foreach (var option in command.Options.Where(o => o is not HelpOption))
        {
            result.Output.Should().Contain(option.Name, "edtf {0} --help lists {1}", name, option.Name);
            if (option.ValueType == typeof(bool) || option.ValueType.IsArray)
            {
                continue; // a flag is off and a repeatable option empty unless given
            }

            if (option.HasDefaultValue)
            {
                result.Output.Should().Contain($"[default: {option.GetDefaultValue()}]", "the help of {0} gives its default", option.Name);
            }
            else if (!option.Required)
            {
                option.Description.Should().Contain("default", "{0} {1} has no fixed default, so its description says what happens without it", name, option.Name);
            }
        }
    }

    [Fact]
    public async Task Help_Root_ListsEveryCommand()
    {
        var result = await Cli.RunAsync("--help");

        result.ExitCode.Should().Be(0);
        foreach (var command in new[] { "alerts", "broker", "decode", "demo", "detect", "ledger", "replay", "run", "score", "simulate" })
        {
            result.Output.Should().Contain(command);
        }
    }

    [Fact]
    public async Task Help_Run_EndsWithTheCommandsNotes()
    {
        var result = await Cli.RunAsync("run", "--help");

        result.Output.Should().Contain("never --set: ps shows the command line", "what the option list cannot say follows it");
    }

    [Fact]
    public async Task RunAsync_NoCommand_Exit2WithTheCommandList()
    {
        var result = await Cli.RunAsync();

        result.ExitCode.Should().Be(2);
        result.Output.Should().Contain("detect");
    }

    [Fact]
    public async Task RunAsync_UnknownCommand_Exit2NamingIt()
    {
        var result = await Cli.RunAsync("detct");

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("detct");
    }

    [Fact]
    public async Task Version_PrintsTheInformationalVersion()
    {
        var expected = typeof(EdtfCommandLine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;

        var result = await Cli.RunAsync("--version");

        result.ExitCode.Should().Be(0);
        result.Output.Trim().Should().Be(expected).And.StartWith("0.1.0", "the package version of the csproj");
    }

    [Theory]
    [InlineData("decode", "--max-errors", "many")]
    [InlineData("detect", "--format", "xml")]
    [InlineData("detect", "--scope", "some")]
    [InlineData("broker", "--port", "70000")]
    [InlineData("broker", "--bind", "localhost:1")]
    [InlineData("broker", "--brokers", "0")]
    [InlineData("demo", "--speed", "0")]
    [InlineData("demo", "--partitions", "0")]
    [InlineData("demo", "--seed", "abc")]
    [InlineData("replay", "--from", "yesterday")]
    [InlineData("replay", "--speed", "fast")]
    [InlineData("replay", "--producer", "linger.ms")]
    [InlineData("run", "--scope", "some")]
    [InlineData("run", "--partitions", "none")]
    [InlineData("score", "--tolerance-minutes", "-5")]
    [InlineData("alerts", "--follw", "true")]
    public async Task RunAsync_WrongOptionValue_Exit2NamingTheOption(string command, string option, string value)
    {
        var result = await Cli.RunAsync(command, option, value);

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain(option, "the message names the option");
    }

    [Fact]
    public async Task RunAsync_ReplayFromAfterTo_Exit2()
    {
        var result = await Cli.RunAsync("replay", "--input", "x.nmea", "--from", "2023-01-02", "--to", "2023-01-01");

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("--from must be before --to");
    }

    [Fact]
    public async Task Suggest_FormatValue_OffersTheFormats()
    {
        const string line = "edtf detect --format ";

        var result = await Cli.RunAsync($"[suggest:{line.Length}]", line);

        result.ExitCode.Should().Be(0);
        result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Should().BeEquivalentTo(["auto", "nmea", "csv-marinecadastre", "csv-dma"], "dotnet-suggest completes option values");
    }

    [Fact]
    public async Task RunAsync_ShutdownBeforeTheWorkEnds_DetectExits130()
    {
        using var shutdown = new CancellationTokenSource();
        await shutdown.CancelAsync();

        var result = await Cli.RunAsync(["detect", "--input", TestPaths.AisData("real-mix/real-mix.nmea"), "--output", "/dev/null", "--quiet"], shutdown.Token);

        result.ExitCode.Should().Be(130, "the shutdown token abandons file work that cannot stop part-way, as Ctrl+C did");
    }

    [Fact]
    public async Task RunAsync_ShutdownToken_BrokerStopsWithExit0()
    {
        using var shutdown = new CancellationTokenSource();
        await shutdown.CancelAsync();

        var result = await Cli.RunAsync(["broker", "--port", "0", "--topics", "t"], shutdown.Token).WaitAsync(TimeSpan.FromSeconds(30));

        result.ExitCode.Should().Be(0, "the broker runs until the shutdown token fires, then stops cleanly");
    }
}
