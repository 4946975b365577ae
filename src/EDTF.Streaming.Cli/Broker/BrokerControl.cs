using EDTF.Streaming.Cli.Service;
using EDTF.Streaming.Kafka;
using Microsoft.AspNetCore.Builder;

namespace EDTF.Streaming.Cli.Broker;

/// <summary>A started <see cref="BrokerControlEndpoint"/> and the address it answers on; stops on dispose.</summary>
internal sealed class BrokerControl : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BrokerControl(WebApplication app)
    {
        _app = app;
        Address = StreamingHost.Address(app);
    }

    /// <summary>E.g. <c>http://127.0.0.1:9080</c>.</summary>
    public string Address { get; }

    /// <summary>Starts the endpoint on loopback <paramref name="port"/> (0 = any free port).</summary>
    public static async Task<BrokerControl> StartAsync(EmbeddedBrokerFaults faults, int port)
    {
        var app = BrokerControlEndpoint.Build(faults, port);
        await app.StartAsync().ConfigureAwait(false);
        return new BrokerControl(app);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
