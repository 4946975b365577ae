using EDTF.Streaming.Cli.Service;

namespace EDTF.Streaming.Cli.Tests.Streaming;

public sealed class RunCommandTests
{
    [Theory]
    [InlineData("--metrics-port", "abc")]
    [InlineData("--watchlist", "/nonexistent/watchlist.csv")]
    [InlineData("--set", "no-equals-sign")]
    [InlineData("--bootstrap", "typo-of-an-option")]
    public async Task RunAsync_BadOption_Exit2NamingTheOption(string option, string value)
    {
        var result = await Cli.RunAsync("run", option, value);

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain(option, "the message names the option");
    }

    [Theory]
    [InlineData("Kafka:CloseTimeoutSeconds=0", "Kafka:CloseTimeoutSeconds")]
    [InlineData("Kafka:AlertsTopic=ais.raw", "must differ")]
    [InlineData("Kafka:LeaseSessionTimeoutMs=10", "Kafka:LeaseSessionTimeoutMs")]
    [InlineData("Service:StallSeconds=0", "Service:StallSeconds")]
    [InlineData("Detection:AllowedLatenessMinutes=-1", "AllowedLatenessMinutes")]
    public async Task RunAsync_InvalidSetting_Exit2BeforeConnectingNamingTheKey(string setting, string named)
    {
        var result = await Cli.RunAsync("run", "--bootstrap-servers", "127.0.0.1:1", "--set", setting, "--set", "Service:MetricsPort=0");

        result.ExitCode.Should().Be(2, "options are validated when the host starts (ValidateOnStart)");
        result.Error.Should().Contain(named);
    }

    [Fact]
    public void KafkaOptionsProblems_Defaults_None()
    {
        new EDTF.Streaming.Kafka.KafkaOptions().Problems().Should().BeEmpty();
        new ServiceSettings().Problems().Should().BeEmpty();
    }

    [Fact]
    public void LoadConfiguration_CommandLineOverridesEnvironmentOverridesFile()
    {
        // Keys other tests in this assembly (running in parallel) either override or do not mind.
        Environment.SetEnvironmentVariable("EDTF__Kafka__CloseTimeoutSeconds", "11");
        Environment.SetEnvironmentVariable("EDTF__Kafka__MaxQueuedRecordsPerPartition", "4999");
        try
        {
            var configuration = StreamingHost.LoadConfiguration(new Dictionary<string, string?> { ["Kafka:MaxQueuedRecordsPerPartition"] = "777" });
            var kafka = StreamingHost.BindKafka(configuration);

            kafka.MaxQueuedRecordsPerPartition.Should().Be(777);
            kafka.CloseTimeoutSeconds.Should().Be(11);
            kafka.AlertsTopic.Should().Be("edtf.alerts", "the file's value");
            kafka.Producer.Should().ContainKey("compression.type", "librdkafka properties bind from Kafka:Producer");
        }
        finally
        {
            Environment.SetEnvironmentVariable("EDTF__Kafka__CloseTimeoutSeconds", null);
            Environment.SetEnvironmentVariable("EDTF__Kafka__MaxQueuedRecordsPerPartition", null);
        }
    }
}
