using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EDTF.Streaming.Detection;
using EDTF.Streaming.Detection.Cargo;
using EDTF.Streaming.WebConsole.Alerts;
using EDTF.Streaming.WebConsole.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EDTF.Streaming.WebConsole.Web;

/// <summary>
/// The JSON API: <c>/api/alerts</c> (the newest update of each alert, filtered, newest first), <c>/api/alerts/{alertId}</c>
/// (newest update, history, map features), the GeoJSON download, <c>/api/ledger</c> (deliveries against the UN caps), the areas and the live event stream.
/// </summary>
internal static class ConsoleApi
{
    private static readonly TimeSpan KeepAliveInterval = TimeSpan.FromSeconds(15);

    public static void MapConsoleApi(this IEndpointRouteBuilder app, ConsoleAuthOptions auth)
    {
        app.MapGet("/api/alerts", (HttpContext context, AlertStore store) =>
        {
            AlertFilter filter;
            try
            {
                filter = AlertFilter.FromQuery(context.Request.Query);
            }
            catch (FormatException ex)
            {
                return Results.Problem(ex.Message, statusCode: StatusCodes.Status400BadRequest);
            }

            return Json(writer =>
            {
                writer.WriteStartArray();
                foreach (var alert in store.Latest(filter))
                {
                    alert.Body.WriteTo(writer);
                }

                writer.WriteEndArray();
            });
        }).Require(auth, ConsoleAuth.View);

        app.MapGet("/api/alerts/{alertId}", (string alertId, HttpContext context, AlertStore store, AreaFile areas) =>
            store.Find(alertId) is not { } alert
                ? Results.NotFound()
                : Json(writer =>
                {
                    writer.WriteStartObject();
                    writer.WritePropertyName("alert");
                    alert.Latest.Body.WriteTo(writer);
                    writer.WriteStartArray("history");
                    foreach (var update in alert.History)
                    {
                        update.Body.WriteTo(writer);
                    }

                    writer.WriteEndArray();
                    writer.WritePropertyName("geojson");
                    AlertGeoJson.Build(alert.Latest, areas).WriteTo(writer);
                    writer.WriteBoolean("mayDownload", ConsoleAuth.MayDownload(context, auth));
                    writer.WriteEndObject();
                })).Require(auth, ConsoleAuth.View);

        app.MapGet("/api/alerts/{alertId}/geojson", (string alertId, AlertStore store, AreaFile areas) =>
            store.Find(alertId) is not { } alert
                ? Results.NotFound()
                : Results.File(
                    Encoding.UTF8.GetBytes(AlertGeoJson.Build(alert.Latest, areas).ToJsonString()),
                    "application/geo+json",
                    alertId + ".geojson")).Require(auth, ConsoleAuth.Evidence);

        app.MapGet("/api/ledger", (AlertStore store) => Results.Text(LedgerOf(store).ToJsonString(), "application/json")).Require(auth, ConsoleAuth.View);

        app.MapGet("/api/watchlist", (WatchlistView view) =>
        {
            var (entries, lastChangeMs, changes) = view.Now();
            var programmes = new JsonObject();
            foreach (var g in entries.GroupBy(e => e.Program).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                programmes[g.Key] = g.Count();
            }

            return Results.Text(new JsonObject
            {
                ["entries"] = entries.Count,
                ["programmes"] = programmes,
                ["lastChange"] = lastChangeMs is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture) : null,
                ["changesApplied"] = changes,
                ["list"] = new JsonArray([.. entries.Select(e => (JsonNode)new JsonObject
                {
                    ["imo"] = e.Imo, ["mmsi"] = e.Mmsi, ["name"] = e.Name, ["program"] = e.Program, ["source"] = e.Source,
                })]),
            }.ToJsonString(), "application/json");
        }).Require(auth, ConsoleAuth.View);

        app.MapGet("/api/areas", (AreaFile areas) => Results.Text(areas.Json, "application/geo+json")).Require(auth, ConsoleAuth.View);

        app.MapGet("/api/events", StreamEvents).Require(auth, ConsoleAuth.View);
    }

    /// <summary>
    /// The ledger (docs/ledger.md) of the newest update of every alert the console holds, in <c>edtf ledger --json</c>'s shape,
    /// with the default caps and the DPRK as the country deliveries go to.
    /// </summary>
    internal static JsonObject LedgerOf(AlertStore store)
    {
        var ledger = new Ledger(new LedgerOptions(), new PortCallOptions().InterestCountries);
        foreach (var alert in store.Latest(AlertFilter.None))
        {
            ledger.Add(AlertJson.Deserialize(Encoding.UTF8.GetBytes(alert.Body.GetRawText())));
        }

        return Ledger.ToJson(ledger.Years());
    }

    /// <summary>Server-sent events: one <c>alert</c> event per update taken in (<c>alertId</c>, <c>type</c>, <c>status</c>), a comment every 15 s.</summary>
    private static async Task StreamEvents(HttpContext context, AlertStore store)
    {
        context.Response.Headers.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        using var subscription = store.Subscribe();
        var cancel = context.RequestAborted;
        await context.Response.WriteAsync(": connected\n\n", cancel);
        await context.Response.Body.FlushAsync(cancel);
        try
        {
            while (!cancel.IsCancellationRequested)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancel);
                wait.CancelAfter(KeepAliveInterval);
                string message;
                try
                {
                    var update = await subscription.Reader.ReadAsync(wait.Token);
                    var data = new JsonObject { ["alertId"] = update.AlertId, ["type"] = update.Type, ["status"] = update.Status };
                    message = $"event: alert\ndata: {data.ToJsonString()}\n\n";
                }
                catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
                {
                    message = ": keep-alive\n\n";
                }

                await context.Response.WriteAsync(message, cancel);
                await context.Response.Body.FlushAsync(cancel);
            }
        }
        catch (OperationCanceledException)
        {
            // the browser went away
        }
    }

    private static IResult Json(Action<Utf8JsonWriter> write) => Results.Stream(
        async stream =>
        {
            await using var writer = new Utf8JsonWriter(stream);
            write(writer);
            await writer.FlushAsync();
        },
        "application/json");
}
