using System.Net;
using System.Text.Json.Nodes;
using EDTF.Streaming.Kafka;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace EDTF.Streaming.Cli.Broker;

/// <summary>The HTTP control endpoint of <c>edtf broker --control-port</c>: fault injection into the mock cluster (docs/service.md, "Fault injection").</summary>
internal static class BrokerControlEndpoint
{
    /// <summary>Builds (does not start) the endpoint on loopback <paramref name="port"/> (0 = any free port).</summary>
    public static WebApplication Build(EmbeddedBrokerFaults faults, int port)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, Args = [] });
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        Map(app, faults);
        return app;
    }

    /// <summary>The routes; every one answers with the faults in force (JSON) or 400 and the reason.</summary>
    public static void Map(IEndpointRouteBuilder routes, EmbeddedBrokerFaults faults)
    {
        routes.MapGet("/faults", () => State(faults));
        routes.MapDelete("/faults", () => Apply(faults, f => f.ClearAll()));
        routes.MapPost("/faults/brokers/{id}/down", (string id) => Apply(faults, f => f.BrokerDown(FaultRequests.BrokerId(id))));
        routes.MapPost("/faults/brokers/{id}/up", (string id) => Apply(faults, f => f.BrokerUp(FaultRequests.BrokerId(id))));
        routes.MapPost("/faults/requests", async (HttpRequest request) =>
        {
            var body = await ReadAsync(request).ConfigureAwait(false);
            return Apply(faults, f =>
            {
                var (api, count, error) = FaultRequests.RequestErrors(body);
                f.FailRequests(api, count, error);
            });
        });
        routes.MapDelete("/faults/requests/{api}", (string api) => Apply(faults, f => f.ClearRequestErrors(FaultRequests.Api(api))));
        routes.MapPost("/faults/rtt", async (HttpRequest request) =>
        {
            var body = await ReadAsync(request).ConfigureAwait(false);
            return Apply(faults, f =>
            {
                var (broker, delayMs) = FaultRequests.RoundTripDelay(body);
                f.SetRoundTripDelay(broker, delayMs);
            });
        });
    }

    private static IResult Apply(EmbeddedBrokerFaults faults, Action<EmbeddedBrokerFaults> change)
    {
        try
        {
            change(faults);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or NotSupportedException or System.Text.Json.JsonException)
        {
            return Results.Text(e.Message + "\n", statusCode: StatusCodes.Status400BadRequest);
        }

        return State(faults);
    }

    private static IResult State(EmbeddedBrokerFaults faults) =>
        Results.Text(FaultRequests.Describe(faults.State).ToJsonString(), "application/json");

    private static async Task<string> ReadAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        return await reader.ReadToEndAsync().ConfigureAwait(false);
    }
}
