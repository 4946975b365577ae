using EDTF.Streaming.Cli.Commands;
using EDTF.Streaming.Kafka;

namespace EDTF.Streaming.Cli.Tests.Alerts;

public sealed class AlertsClientConfigTests
{
    [Fact]
    public void ConsumerConfig_SaslOptions_CarriesTheSecuritySettings()
    {
        var kafka = new KafkaOptions { BootstrapServers = "broker-1:9093" };
        kafka.Client["security.protocol"] = "SASL_SSL";
        kafka.Client["sasl.mechanism"] = "SCRAM-SHA-256";
        kafka.Client["sasl.username"] = "viewer";
        kafka.Client["sasl.password"] = "s3cret";

        var config = AlertsCommand.ConsumerConfig(kafka);

        config.Get("bootstrap.servers").Should().Be("broker-1:9093");
        config.Get("security.protocol").Should().Be("SASL_SSL");
        config.Get("sasl.mechanism").Should().Be("SCRAM-SHA-256");
        config.Get("sasl.username").Should().Be("viewer");
        config.Get("sasl.password").Should().Be("s3cret", "edtf alerts must reach a secured cluster like the service");
        config.EnablePartitionEof.Should().BeTrue();
    }
}
