using EDTF.Streaming.Cli.Service;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace EDTF.Streaming.Cli.Tests.Streaming;

public sealed class MetricsEndpointTests
{
    [Fact]
    public void ServiceSettings_Default_LoopbackOnly()
    {
        new ServiceSettings().MetricsHost.Should().Be("127.0.0.1", "outside a container the endpoint is not exposed to the network unless asked");
    }

    [Fact]
    public void LoadConfiguration_AppSettings_MetricsHostLoopback()
    {
        var settings = new ServiceSettings();
        StreamingHost.LoadConfiguration(new Dictionary<string, string?>()).GetSection(ServiceSettings.SectionName).Bind(settings);

        settings.MetricsHost.Should().Be("127.0.0.1");
    }

    [Theory]
    [InlineData("http://0.0.0.0:9464", "all IPv4 interfaces")]
    [InlineData("http://[::]:9464", "all interfaces")]
    [InlineData("http://127.0.0.1:9464", "loopback only")]
    [InlineData("http://[::1]:9464", "loopback only")]
    [InlineData("http://10.1.2.3:9464", "this address only")]
    public void Scope_BoundAddress_Interfaces(string address, string expected) => MetricsEndpoint.Scope(address).Should().Be(expected);

    [Theory]
    [InlineData("127.0.0.1", "http://127.0.0.1:")]
    [InlineData("0.0.0.0", "http://0.0.0.0:")]
    public async Task Listen_ConfiguredHost_BoundThere(string host, string expectedPrefix)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => MetricsEndpoint.Listen(k, host, 0));
        await using var app = builder.Build();

        await app.StartAsync();
        try
        {
            StreamingHost.BoundAddress(app).Should().StartWith(expectedPrefix, "the startup line prints where the endpoint really listens");
        }
        finally
        {
            await app.StopAsync();
        }
    }

    [Fact]
    public void Listen_HostName_ThrowsSayingWhatIsAccepted()
    {
        var act = () => MetricsEndpoint.Listen(new KestrelServerOptions(), "metrics.example", 9464);

        act.Should().Throw<InvalidOperationException>().WithMessage("*Service:MetricsHost*IP address*");
    }

    [Theory]
    [InlineData("error: kafka rdkafka#consumer-1 FAIL: SASL authentication error", LogLevel.Error)]
    [InlineData("warn: kafka rdkafka#producer-2 REQTMOUT: timed out", LogLevel.Warning)]
    [InlineData("debug: kafka rdkafka#consumer-1 FETCH: fetching", LogLevel.Debug)]
    [InlineData("revoking partitions 0, 1", LogLevel.Information)]
    public void LogLine_DriverLine_LoggedAtItsLevel(string line, LogLevel expected)
    {
        var logger = new CollectingLogger();

        StreamingHost.LogLine(logger, line);

        logger.Entries.Should().Equal((expected, line));
    }
}
