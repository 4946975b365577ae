using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace EDTF.Streaming.Cli.Service;

/// <summary>Where <c>/metrics</c>, <c>/healthz</c> and <c>/readyz</c> listen (<c>Service:MetricsHost</c>, <c>Service:MetricsPort</c>), and how to say it.</summary>
internal static class MetricsEndpoint
{
    /// <summary>Listens on <paramref name="host"/>: an IP address (<c>127.0.0.1</c>, <c>0.0.0.0</c>, <c>::</c>), <c>localhost</c> (loopback) or <c>*</c> (every interface).</summary>
    /// <exception cref="InvalidOperationException"><paramref name="host"/> is none of these.</exception>
    public static void Listen(KestrelServerOptions kestrel, string host, int port)
    {
        if (host == "*")
        {
            kestrel.ListenAnyIP(port);
        }
        else if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            kestrel.ListenLocalhost(port);
        }
        else if (IPAddress.TryParse(host, out var address))
        {
            kestrel.Listen(address, port);
        }
        else
        {
            throw new InvalidOperationException($"Service:MetricsHost must be an IP address, 'localhost' or '*', got '{host}'.");
        }
    }

    /// <summary>Which interfaces a bound address (e.g. <c>http://0.0.0.0:9464</c>) reaches, for the startup line.</summary>
    public static string Scope(string boundAddress)
    {
        var host = new Uri(boundAddress).Host;
        return host switch
        {
            "0.0.0.0" => "all IPv4 interfaces",
            "[::]" => "all interfaces",
            "localhost" => "loopback only",
            _ => IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip) ? "loopback only" : "this address only",
        };
    }
}
