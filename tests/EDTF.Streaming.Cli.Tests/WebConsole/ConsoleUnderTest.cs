using EDTF.Streaming.Kafka;
using EDTF.Streaming.Tests;
using EDTF.Streaming.WebConsole;
using EDTF.Streaming.WebConsole.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace EDTF.Streaming.Cli.Tests.WebConsole;

/// <summary>The <c>edtf console</c> host started in this process on a free loopback port, reading one alert topic.</summary>
internal sealed class ConsoleUnderTest : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ConsoleUnderTest(WebApplication app)
    {
        _app = app;
        Address = ConsoleHost.Address(app);
        Http = new HttpClient(new HttpClientHandler
        {
            AllowAutoRedirect = false,
            ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator, // the tests' self-signed certificate
        })
        { BaseAddress = new Uri(Address) };
    }

    public string Address { get; }

    /// <summary>A client of the console that does not follow redirects.</summary>
    public HttpClient Http { get; }

    public static async Task<ConsoleUnderTest> StartAsync(string bootstrap, string alertsTopic, ConsoleAuthOptions? auth = null, string? certificatePath = null)
    {
        var options = new ConsoleOptions
        {
            Port = 0,
            Host = "127.0.0.1",
            PortsPath = TestPaths.InRepo("config/ports.geojson"),
            Auth = auth ?? new ConsoleAuthOptions { Mode = "none" },
            CertificatePath = certificatePath,
        };
        var app = ConsoleHost.Build(options, new KafkaOptions { BootstrapServers = bootstrap }, alertsTopic, l => l.SetMinimumLevel(LogLevel.Warning));
        await app.StartAsync();
        var console = new ConsoleUnderTest(app);
        var (_, ready) = await Eventually.PollAsync(
            async () => (await console.Http.GetAsync("/readyz")).IsSuccessStatusCode, ok => ok, TimeSpan.FromSeconds(30));
        if (!ready)
        {
            await console.DisposeAsync();
            throw new TimeoutException("the console did not read its alert topic to the end within 30 s");
        }

        return console;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
