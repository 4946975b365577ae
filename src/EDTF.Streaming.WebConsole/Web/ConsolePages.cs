using System.Net;
using EDTF.Streaming.WebConsole.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EDTF.Streaming.WebConsole.Web;

/// <summary>
/// The two pages: the map with the alert list (<c>/</c>) and one alert (<c>/alerts/{alertId}</c>). Each is a shell that
/// its script (<c>/static/index.js</c>, <c>/static/alert.js</c>) fills from the API; every page carries the sign-in banner.
/// </summary>
internal static class ConsolePages
{
    /// <summary>Shown on every page when sign-in is off.</summary>
    public const string NoAuthBanner =
        "Sign-in is off (--auth none): anyone who can reach this port sees these alerts. For local development only.";

    private static readonly string[] Types =
        ["DarkPeriod", "ShipToShipTransfer", "ShipToShipTransferOneSideDark", "PortCall", "IdentityChange", "IdentityConflict"];

    public static void MapConsolePages(this IEndpointRouteBuilder app, ConsoleAuthOptions auth)
    {
        app.MapGet("/", (HttpContext context) => Page(context, auth, "EDTF alerts", "index", IndexBody())).Require(auth, ConsoleAuth.View);
        app.MapGet("/alerts/{alertId}", (string alertId, HttpContext context) =>
            Page(context, auth, "Alert " + alertId, "alert", AlertBody(alertId))).Require(auth, ConsoleAuth.View);
    }

    private static IResult Page(HttpContext context, ConsoleAuthOptions auth, string title, string script, string body)
    {
        var banner = auth.IsNone ? $"""<div class="banner" role="alert">{Html(NoAuthBanner)}</div>""" : "";
        var user = context.User.Identity?.IsAuthenticated == true ? Html(context.User.Identity.Name ?? "signed in") : "";
        var html = $$"""
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{Html(title)}}</title>
            <link rel="stylesheet" href="/static/vendor/leaflet/leaflet.css">
            <link rel="stylesheet" href="/static/console.css">
            </head>
            <body>
            {{banner}}
            <header><a class="home" href="/">EDTF alerts</a><span id="live" class="live">connecting</span><span class="user">{{user}}</span></header>
            {{body}}
            <script src="/static/vendor/leaflet/leaflet.js"></script>
            <script src="/static/map.js"></script>
            <script src="/static/{{script}}.js"></script>
            </body>
            </html>
            """;
        return Results.Content(html, "text/html; charset=utf-8");
    }

    private static string IndexBody()
    {
        var types = string.Concat(Types.Select(t => $"""<option value="{t}">{t}</option>"""));
        return $$"""
            <form id="filters" class="filters">
            <label>Type <select name="type"><option value="">any</option>{{types}}</select></label>
            <label>Status <select name="status"><option value="">any</option><option>open</option><option>closed</option></select></label>
            <label>Confidence <select name="confidence"><option value="">any</option><option>high</option><option>medium</option><option>low</option></select></label>
            <label>Programme <input name="programme" list="programmes" placeholder="any" size="22"><datalist id="programmes"></datalist></label>
            <label>From (UTC) <input name="from" type="datetime-local"></label>
            <label>To (UTC) <input name="to" type="datetime-local"></label>
            <span id="count" class="count"></span>
            </form>
            <p id="ledger" class="ledger"></p>
            <p id="watchlist" class="ledger"></p>
            <main class="split">
            <div id="map" class="map"></div>
            <ol id="alerts" class="alerts"></ol>
            </main>
            """;
    }

    private static string AlertBody(string alertId) => $"""
        <main class="split" id="alert-page" data-alert-id="{Html(alertId)}">
        <div id="map" class="map"></div>
        <section class="details">
        <h1 id="title">{Html(alertId)}</h1>
        <p id="summary"></p>
        <p id="download"></p>
        <h2>Vessel</h2><table id="vessel" class="kv"></table>
        <h2>Counterpart</h2><table id="counterpart" class="kv"></table>
        <h2>Watch list</h2><table id="watchlist" class="grid"></table>
        <h2>Evidence</h2><table id="evidence" class="kv"></table>
        <h2>History of updates</h2><table id="history" class="grid"></table>
        </section>
        </main>
        """;

    private static string Html(string text) => WebUtility.HtmlEncode(text);
}
