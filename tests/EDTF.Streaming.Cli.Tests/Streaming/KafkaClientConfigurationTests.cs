using EDTF.Streaming.Cli.Service;
using EDTF.Streaming.Kafka;
using Microsoft.Extensions.Configuration;

namespace EDTF.Streaming.Cli.Tests.Streaming;

public sealed class KafkaClientConfigurationTests
{
    [Fact]
    public void BindKafka_ClientSecretFromTheEnvironment_ReachesTheConsumerConfig()
    {
        // The same provider and key mapping as EDTF__Kafka__Client__sasl.password, under a prefix no other test reads.
        var prefix = "EDTFTEST" + Guid.NewGuid().ToString("N") + "__";
        Environment.SetEnvironmentVariable(prefix + "Kafka__Client__security.protocol", "SASL_SSL");
        Environment.SetEnvironmentVariable(prefix + "Kafka__Client__sasl.password", "from-env");
        try
        {
            var configuration = new ConfigurationBuilder().AddEnvironmentVariables(prefix).Build();

            var kafka = StreamingHost.BindKafka(configuration);

            kafka.Client.Should().Contain("sasl.password", "from-env");
            KafkaDetectionService.BuildConsumerConfig(kafka).Get("sasl.password").Should().Be("from-env");
            KafkaDetectionService.BuildConsumerConfig(kafka).Get("security.protocol").Should().Be("SASL_SSL");
        }
        finally
        {
            Environment.SetEnvironmentVariable(prefix + "Kafka__Client__security.protocol", null);
            Environment.SetEnvironmentVariable(prefix + "Kafka__Client__sasl.password", null);
        }
    }

    [Theory]
    [InlineData("Kafka:Client:sasl.password=s3cret")]
    [InlineData("Kafka:Client:ssl.key.password=s3cret")]
    [InlineData("Kafka:Producer:sasl.oauthbearer.client.secret=s3cret")]
    public async Task RunAsync_SecretOnTheCommandLine_Refused(string set)
    {
        var result = await Cli.RunAsync("run", "--set", set);

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("--set").And.NotContain("s3cret");
    }
}
