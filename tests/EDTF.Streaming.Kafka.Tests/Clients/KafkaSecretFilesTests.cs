using EDTF.Streaming.Kafka.Clients;

namespace EDTF.Streaming.Kafka.Tests.Clients;

public sealed class KafkaSecretFilesTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("edtf-secrets-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Resolve_FileReference_SetsThePropertyToTheFileContent()
    {
        var path = Secret("password", "s3cret\n");

        var resolved = KafkaSecretFiles.Resolve(new Dictionary<string, string> { ["sasl.password.file"] = path, ["sasl.username"] = "edtf" });

        resolved.Should().Equal(new Dictionary<string, string> { ["sasl.password"] = "s3cret", ["sasl.username"] = "edtf" },
            "the trailing line break of a mounted secret is not part of it, and the .file key does not reach librdkafka");
    }

    [Fact]
    public void Apply_SecretFile_ConfigCarriesTheSecret()
    {
        var path = Secret("client-secret", "abc123");
        var options = new KafkaOptions();
        options.Client["sasl.oauthbearer.client.secret.file"] = path;

        var config = AlertPublisher.BuildConfig(options);

        config.Get("sasl.oauthbearer.client.secret").Should().Be("abc123");
    }

    [Fact]
    public void Resolve_MissingFile_ThrowsNamingThePropertyAndPath()
    {
        var path = Path.Combine(_directory, "absent");

        var act = () => KafkaSecretFiles.Resolve(new Dictionary<string, string> { ["sasl.password.file"] = path });

        act.Should().Throw<InvalidOperationException>().WithMessage("*sasl.password.file*absent*");
    }

    [Fact]
    public void Resolve_ValueAndFileBothSet_Throws()
    {
        var path = Secret("password", "pw-from-file");

        var act = () => KafkaSecretFiles.Resolve(new Dictionary<string, string> { ["sasl.password"] = "pw-direct", ["sasl.password.file"] = path });

        act.Should().Throw<InvalidOperationException>().Which.Message.Should().Contain("sasl.password")
            .And.NotContain("pw-from-file").And.NotContain("pw-direct", "the error names the keys, not the secrets");
    }

    private string Secret(string name, string content)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, content);
        return path;
    }
}
