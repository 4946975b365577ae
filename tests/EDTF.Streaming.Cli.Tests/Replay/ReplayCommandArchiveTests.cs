using System.Globalization;
using EDTF.Streaming.Ais.Formats;
using EDTF.Streaming.Cli.Tests.Detect;
using EDTF.Streaming.Kafka;

namespace EDTF.Streaming.Cli.Tests.Replay;

/// <summary><c>edtf replay</c> end to end: a simulated day as Parquet and zipped into the embedded broker, with the per-file summary.</summary>
[Collection(ConsoleCapture.Name)]
public sealed class ReplayCommandArchiveTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("edtf-replay-command-").FullName;
    private readonly EmbeddedBroker _broker = EmbeddedBroker.Start(new EmbeddedBrokerOptions { Port = 0, Partitions = 3, Topics = ["ais.raw"] });

    public void Dispose()
    {
        _broker.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Theory]
    [InlineData("parquet-typed")]
    [InlineData("zip")]
    public async Task Replay_SimulatedDay_DeliversEveryReportAndSummarisesTheFile(string form)
    {
        var text = await SimulatedDay.MarineCadastreAsync();
        var rows = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length - 1;
        var path = SimulatedDay.Write(_dir, text, form);
        var reports = AisInputReader.ReadFile(SimulatedDay.Write(_dir, text, "plain"), AisInputFormat.CsvMarineCadastre).Count(i => !i.IsReject);
        var output = new StringWriter();
        var stdout = Console.Out;
        Console.SetOut(output);
        (CliResult Result, string Errors) run;
        try
        {
            run = await ConsoleCapture.RunAsync("replay", "--input", path, "--bootstrap-servers", _broker.BootstrapServers, "--progress", "never");
        }
        finally
        {
            Console.SetOut(stdout);
        }

        run.Result.ExitCode.Should().Be(0, run.Errors + run.Result.Error);
        output.ToString().Should()
            .Contain(string.Create(CultureInfo.InvariantCulture, $"replay: {path}: {rows:N0} rows, {reports:N0} reports accepted, 0 skipped by filters, 0 rejects"))
            .And.Contain(string.Create(CultureInfo.InvariantCulture, $"replay finished: {reports:N0} of {reports:N0} records delivered to ais.raw"));
    }
}
