namespace EDTF.Streaming.Cli.Tests.WebConsole;

public sealed class ConsoleCommandTests
{
    [Fact]
    public async Task Console_SignInWithoutAuthority_Exits2SayingWhatIsMissing()
    {
        var result = await Cli.RunAsync("console", "--port", "0", "--bootstrap-servers", "127.0.0.1:1");

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("Console:Auth:Authority").And.Contain("--auth none");
    }

    [Fact]
    public async Task Console_UnknownAuthMode_Exits2NamingTheOption()
    {
        var result = await Cli.RunAsync("console", "--auth", "basic");

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("--auth");
    }
}
