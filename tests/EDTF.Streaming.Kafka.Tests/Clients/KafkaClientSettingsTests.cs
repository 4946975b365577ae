using Confluent.Kafka;
using EDTF.Streaming.Kafka.Clients;
using EDTF.Streaming.Kafka.Replay;

namespace EDTF.Streaming.Kafka.Tests.Clients;

public sealed class KafkaClientSettingsTests
{
    private static readonly Dictionary<string, string> Sasl = new(StringComparer.OrdinalIgnoreCase)
    {
        ["security.protocol"] = "SASL_SSL",
        ["sasl.mechanism"] = "SCRAM-SHA-512",
        ["sasl.username"] = "edtf",
        ["sasl.password"] = "s3cret",
        ["ssl.ca.location"] = "/etc/edtf/kafka/ca.crt",
    };

    public static TheoryData<string> Roles => ["consumer", "publisher", "start-position probe", "published-alerts admin", "published-alerts scan", "replay producer"];

    [Theory]
    [MemberData(nameof(Roles))]
    public void ClientConfig_SaslSslOptions_CarriesTheSecuritySettings(string role)
    {
        var options = new KafkaOptions { BootstrapServers = "broker-1:9093", Client = new(Sasl, StringComparer.OrdinalIgnoreCase) };

        var config = Build(role, options);

        config.Get("bootstrap.servers").Should().Be("broker-1:9093", "{0} connects to the configured brokers", role);
        foreach (var (key, value) in Sasl)
        {
            config.Get(key).Should().Be(value, "the {0} must carry {1} or it cannot use a secured cluster", role, key);
        }
    }

    [Fact]
    public void BuildConsumerConfig_ConsumerSectionSetsTheSameKey_RoleSectionWins()
    {
        var options = new KafkaOptions();
        options.Client["client.id"] = "shared";
        options.Consumer["client.id"] = "edtf-pod-1";

        var config = KafkaDetectionService.BuildConsumerConfig(options);

        config.ClientId.Should().Be("edtf-pod-1", "Kafka:Client comes before the role's own section");
    }

    [Fact]
    public void BuildConsumerConfig_ClientSectionSetsEof_StillForced()
    {
        var options = new KafkaOptions();
        options.Client["enable.partition.eof"] = "false";

        var config = KafkaDetectionService.BuildConsumerConfig(options);

        config.EnablePartitionEof.Should().BeTrue("the partition merge needs EOF events whatever Kafka:Client says");
    }

    [Fact]
    public void Apply_DotNetPropertyNames_BecomeLibrdkafkaNames()
    {
        var config = KafkaClientSettings.Apply(new ClientConfig(), "h:1", new Dictionary<string, string> { ["SecurityProtocol"] = "SASL_SSL" });

        config.Get("security.protocol").Should().Be("SASL_SSL");
    }

    [Fact]
    public void Describe_PasswordAndUser_PasswordRedactedUserShown()
    {
        var line = KafkaClientSettings.Describe("broker-1:9093", Sasl);

        line.Should().Contain("broker-1:9093").And.Contain("security.protocol=SASL_SSL").And.Contain("sasl.username=edtf");
        line.Should().NotContain("s3cret", "secrets are never logged");
        line.Should().Contain("sasl.password=" + KafkaConfigRedaction.Redacted);
    }

    [Fact]
    public void Describe_NoClientSettings_SaysPlaintext()
    {
        var line = KafkaClientSettings.Describe("h:1", new Dictionary<string, string>());

        line.Should().Contain("security.protocol=plaintext");
    }

    private static ClientConfig Build(string role, KafkaOptions options) => role switch
    {
        "consumer" => KafkaDetectionService.BuildConsumerConfig(options),
        "publisher" => AlertPublisher.BuildConfig(options),
        "start-position probe" => KafkaDetectionService.BuildProbeConfig(options),
        "published-alerts admin" => PublishedAlerts.AdminConfig(options),
        "published-alerts scan" => PublishedAlerts.ConsumerConfig(options),
        "replay producer" => KafkaReplaySink.CreateConfig(new ReplayOptions { Inputs = [], BootstrapServers = options.BootstrapServers, Client = options.Client }),
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };
}
