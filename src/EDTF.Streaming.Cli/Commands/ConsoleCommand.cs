using System.CommandLine;
using System.Globalization;
using EDTF.Streaming.Cli.Service;
using EDTF.Streaming.Kafka;
using EDTF.Streaming.WebConsole;
using EDTF.Streaming.WebConsole.Web;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace EDTF.Streaming.Cli.Commands;

/// <summary><c>edtf console</c>: the operations console, a live map and list of the alerts on the alert topic, in the browser.</summary>
internal static class ConsoleCommand
{
    public static Command Create()
    {
        (Option<string?> Option, string Key)[] mapped =
        [
            (new("--bootstrap-servers") { Description = "Kafka brokers (default Kafka:BootstrapServers, 127.0.0.1:9092)", HelpName = "HOST:PORT" }, "Kafka:BootstrapServers"),
            (new("--alerts-topic") { Description = "alert topic (default Kafka:AlertsTopic, edtf.alerts)", HelpName = "TOPIC" }, "Kafka:AlertsTopic"),
            (new Option<string?>("--port") { Description = "HTTP(S) port (default Console:Port, 8080; 0 = any free port)", HelpName = "PORT" }
                .Accept(text => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var port) && port is >= 0 and <= 65535
                    ? null
                    : $"expects a port number (0 to 65535), got '{text}'."), "Console:Port"),
            (new("--host") { Description = "interface: an IP address, localhost or * (default Console:Host, *)", HelpName = "ADDRESS" }, "Console:Host"),
            (new Option<string?>("--auth") { Description = "oidc (sign-in, Console:Auth:*) or none (local development only; default Console:Auth:Mode, oidc)" }
                .OneOf("oidc", "none"), "Console:Auth:Mode"),
            (new Option<string?>("--ports") { Description = "port and high-risk areas drawn on the map (default Console:PortsPath, config/ports.geojson)", HelpName = "FILE" }
                .ExistingFile(), "Console:PortsPath"),
            (new Option<string?>("--certificate") { Description = "PFX or PEM certificate: serve HTTPS (default Console:CertificatePath; its password or key in Console:CertificatePassword)", HelpName = "FILE" }
                .ExistingFile(), "Console:CertificatePath"),
        ];
        var set = new Option<string[]>("--set") { Description = "any configuration key, e.g. --set Console:Auth:Authority=https://login.example.org; repeatable", HelpName = "Section:Key=value" }
            .Accept(RunCommand.SetProblem);
        var command = new EdtfCommand(
            "console",
            "the operations console: a live map and list of the alerts on the alert topic, in the browser",
            """
            Reads the whole alert topic (every partition, from the beginning, no consumer group) and keeps the newest update of
            each alert and its history; serves / (map and list, live), /alerts/ID, /api/alerts, /api/alerts/ID (docs/console.md).
            Sign-in: OpenID Connect (Console:Auth:Authority, ClientId, ClientSecret; roles viewer and evidence) or --auth none
            for local development (a banner on every page says so). HTTPS when a certificate is given.
            Configuration: config/appsettings.json, then EDTF__Section__Key environment variables, then these options.
            """);
        foreach (var (option, _) in mapped)
        {
            command.Options.Add(option);
        }

        command.Options.Add(set);
        command.SetRun((parseResult, cancellationToken) =>
        {
            var overrides = ConfigurationOverrides.Collect(parseResult, mapped, set);

            return RunAsync(overrides, cancellationToken);
        });
        return command;
    }

    /// <summary>The console's options from the layered configuration (section <c>Console</c>).</summary>
    internal static ConsoleOptions BindConsole(IConfiguration configuration)
    {
        var options = new ConsoleOptions();
        configuration.GetSection(ConsoleOptions.SectionName).Bind(options);
        return options;
    }

    private static async Task<int> RunAsync(Dictionary<string, string?> overrides, CancellationToken cancellationToken)
    {
        var configuration = StreamingHost.LoadConfiguration(overrides);
        var kafka = StreamingHost.BindKafka(configuration);
        try
        {
            await using var app = ConsoleHost.Build(BindConsole(configuration), kafka, kafka.AlertsTopic);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            await Console.Out.WriteLineAsync($"console: {ConsoleHost.Address(app)}/").ConfigureAwait(false);
            await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        }
        catch (InvalidOperationException ex)
        {
            throw new CommandLineException(ex.Message); // a bad setting (sign-in, address, certificate): exit 2, naming it
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Interruptible.InterruptedExitCode;
        }
    }
}
