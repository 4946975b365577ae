using EDTF.Streaming.Kafka.Clients;

namespace EDTF.Streaming.Kafka.Tests.Clients;

public sealed class KafkaConfigRedactionTests
{
    [Theory]
    [InlineData("sasl.password")]
    [InlineData("ssl.key.password")]
    [InlineData("ssl.keystore.password")]
    [InlineData("sasl.oauthbearer.client.secret")]
    [InlineData("sasl.oauthbearer.config")]
    [InlineData("ssl.key.pem")]
    [InlineData("SaslPassword")]
    public void IsSecret_SecretProperty_True(string name) => KafkaConfigRedaction.IsSecret(name).Should().BeTrue();

    [Theory]
    [InlineData("sasl.username")]
    [InlineData("security.protocol")]
    [InlineData("ssl.certificate.pem")]
    [InlineData("ssl.ca.location")]
    [InlineData("sasl.password.file")]
    public void IsSecret_OtherProperty_False(string name) => KafkaConfigRedaction.IsSecret(name).Should().BeFalse();

    [Fact]
    public void Describe_MixedProperties_OnlySecretsRedacted()
    {
        var line = KafkaConfigRedaction.Describe(new Dictionary<string, string>
        {
            ["ssl.key.pem"] = "-----BEGIN PRIVATE KEY-----",
            ["ssl.key.password"] = "pw",
            ["sasl.mechanism"] = "OAUTHBEARER",
        });

        line.Should().Be("sasl.mechanism=OAUTHBEARER, ssl.key.password=[redacted], ssl.key.pem=[redacted]");
    }
}
