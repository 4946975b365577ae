using System.Net;
using System.Net.Sockets;

namespace EDTF.Streaming.Cli.Demo;

/// <summary>Picks the metrics port: the preferred one when it can be bound, else 0 (the server then takes any free port).</summary>
internal static class MetricsPort
{
    public static int Choose(int preferred, string host)
    {
        if (preferred == 0)
        {
            return 0;
        }

        try
        {
            var listener = new TcpListener(IPAddress.TryParse(host, out var address) ? address : IPAddress.Loopback, preferred);
            listener.Start();
            listener.Stop();
            return preferred;
        }
        catch (SocketException)
        {
            return 0;
        }
    }
}
