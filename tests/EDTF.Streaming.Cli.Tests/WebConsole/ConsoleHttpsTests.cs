using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EDTF.Streaming.Kafka;

namespace EDTF.Streaming.Cli.Tests.WebConsole;

/// <summary>With a certificate configured the console serves HTTPS (and only HTTPS).</summary>
public sealed class ConsoleHttpsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("edtf-console-https-").FullName;
    private readonly EmbeddedBroker _broker = EmbeddedBroker.Start(new EmbeddedBrokerOptions { Port = 0, Topics = ["https.alerts"] });

    public void Dispose()
    {
        _broker.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Start_CertificateConfigured_ServesHttps()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var path = Path.Combine(_dir, "console.pfx");
        await File.WriteAllBytesAsync(path, certificate.Export(X509ContentType.Pfx));

        await using var console = await ConsoleUnderTest.StartAsync(_broker.BootstrapServers, "https.alerts", certificatePath: path);

        console.Address.Should().StartWith("https://");
        (await console.Http.GetStringAsync("/api/alerts")).Should().Be("[]");
    }
}
