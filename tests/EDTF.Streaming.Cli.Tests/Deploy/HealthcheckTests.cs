using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace EDTF.Streaming.Cli.Tests.Deploy;

/// <summary>Runs the image's HEALTHCHECK command (bash, /dev/tcp) against a local stand-in for the metrics server.</summary>
public sealed class HealthcheckTests
{
    [ToolFact("bash", "bash")]
    public async Task Healthcheck_HealthzAnswers200_Succeeds()
    {
        var (exit, path) = await RunAgainstServer(healthzStatus: 200);

        path.Should().Be("/healthz");
        exit.Should().Be(0);
    }

    [ToolFact("bash", "bash")]
    public async Task Healthcheck_HealthzAnswers503_Fails()
    {
        var (exit, _) = await RunAgainstServer(healthzStatus: 503);

        exit.Should().NotBe(0);
    }

    private static async Task<(int ExitCode, string? Path)> RunAgainstServer(int healthzStatus)
    {
        var command = HealthcheckCommand();
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var serve = ServeOnce(listener, healthzStatus, cts.Token);

        var psi = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in command.Skip(1))
        {
            psi.ArgumentList.Add(arg.Replace("9464", port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        }

        using var process = Process.Start(psi)!;
        await process.WaitForExitAsync(cts.Token);
        return (process.ExitCode, await serve);
    }

    private static async Task<string?> ServeOnce(TcpListener listener, int healthzStatus, CancellationToken ct)
    {
        using var client = await listener.AcceptTcpClientAsync(ct);
        var stream = client.GetStream();
        var buffer = new byte[4096];
        var read = 0;
        while (!Encoding.ASCII.GetString(buffer, 0, read).Contains("\r\n\r\n", StringComparison.Ordinal) && read < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(read), ct);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        var requestLine = Encoding.ASCII.GetString(buffer, 0, read).Split("\r\n")[0].Split(' ');
        var path = requestLine.Length > 1 ? requestLine[1] : null;
        var status = path == "/healthz" ? healthzStatus : 404;
        var response = $"HTTP/1.1 {status} X\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(response), ct);
        return path;
    }

    /// <summary>The exec-form command of the Dockerfile's HEALTHCHECK.</summary>
    private static string[] HealthcheckCommand()
    {
        var text = File.ReadAllText(DeployFiles.Path("docker/Dockerfile")).Replace("\\\n", " ", StringComparison.Ordinal);
        var line = text.Split('\n').Single(l => l.StartsWith("HEALTHCHECK", StringComparison.Ordinal));
        var json = line[(line.IndexOf(" CMD ", StringComparison.Ordinal) + 5)..].Trim();
        return JsonSerializer.Deserialize<string[]>(json)!;
    }
}
