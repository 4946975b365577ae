using System.Net;
using System.Security.Cryptography.X509Certificates;
using EDTF.Streaming.WebConsole.Alerts;
using EDTF.Streaming.WebConsole.Auth;
using EDTF.Streaming.Detection;
using EDTF.Streaming.Kafka;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;

namespace EDTF.Streaming.WebConsole.Web;

/// <summary>Builds the <c>edtf console</c> web application: the alert topic reader, the pages, the API and sign-in.</summary>
public static class ConsoleHost
{
    /// <summary>The folder beside the executable that holds the pages' scripts and the vendored map assets.</summary>
    public static string AssetsDirectory => Path.Combine(AppContext.BaseDirectory, "console");

    /// <summary>Builds (does not start) the console for <paramref name="alertsTopic"/> on the brokers of <paramref name="kafka"/>.</summary>
    /// <exception cref="InvalidOperationException">Bad options (sign-in, listen address, certificate, areas file).</exception>
    public static WebApplication Build(ConsoleOptions options, KafkaOptions kafka, string alertsTopic, Action<ILoggingBuilder>? logging = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, Args = [] });
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        logging?.Invoke(builder.Logging);

        var certificate = LoadCertificate(options);
        builder.WebHost.ConfigureKestrel(k => Listen(k, options.Host, options.Port, certificate));
        builder.Services.AddConsoleAuth(options.Auth);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(AreaFile.Load(options.PortsPath ?? DefaultConfig.PortsPath));
        builder.Services.AddSingleton<AlertStore>();
        builder.Services.AddSingleton(sp => new AlertTopicReader(
            kafka, alertsTopic, sp.GetRequiredService<AlertStore>(), sp.GetRequiredService<ILogger<AlertTopicReader>>()));
        builder.Services.AddHostedService(sp => sp.GetRequiredService<AlertTopicReader>());
        builder.Services.AddSingleton(sp => new WatchlistView(
            kafka, DefaultConfig.LoadWatchlist(options.WatchlistPath), sp.GetRequiredService<ILogger<WatchlistView>>()));
        builder.Services.AddHostedService(sp => sp.GetRequiredService<WatchlistView>());

        var app = builder.Build();
        if (!options.Auth.IsNone)
        {
            app.UseAuthentication();
            app.UseAuthorization();
        }

        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(AssetsDirectory),
            RequestPath = "/static",
            ContentTypeProvider = AssetTypes(),
        });
        app.MapGet("/healthz", () => Results.Text("ok\n"));
        app.MapGet("/readyz", (AlertTopicReader reader) => reader.CaughtUp
            ? Results.Text("ready\n")
            : Results.Text("reading the alert topic\n", statusCode: StatusCodes.Status503ServiceUnavailable));
        app.MapConsolePages(options.Auth);
        app.MapConsoleApi(options.Auth);
        return app;
    }

    /// <summary>A URL that reaches the console from this host (after start): a wildcard bind is reached on loopback.</summary>
    public static string Address(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()
            .Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal)
            .Replace("[::]", "127.0.0.1", StringComparison.Ordinal);

    /// <summary>The store the console serves from (tests and the demo read it).</summary>
    internal static AlertStore Store(WebApplication app) => app.Services.GetRequiredService<AlertStore>();

    private static FileExtensionContentTypeProvider AssetTypes()
    {
        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".geojson"] = "application/geo+json";
        return types;
    }

    private static void Listen(KestrelServerOptions kestrel, string host, int port, X509Certificate2? certificate)
    {
        Action<ListenOptions> configure = certificate is null ? _ => { } : o => o.UseHttps(certificate);
        if (host == "*")
        {
            kestrel.ListenAnyIP(port, configure);
        }
        else if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            kestrel.Listen(IPAddress.Loopback, port, configure);
        }
        else if (IPAddress.TryParse(host, out var address))
        {
            kestrel.Listen(address, port, configure);
        }
        else
        {
            throw new InvalidOperationException($"Console:Host must be an IP address, 'localhost' or '*', got '{host}'.");
        }
    }

    private static X509Certificate2? LoadCertificate(ConsoleOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            return null;
        }

        try
        {
            var path = options.CertificatePath;
            return path.EndsWith(".pem", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".crt", StringComparison.OrdinalIgnoreCase)
                ? X509Certificate2.CreateFromPemFile(path, options.CertificatePassword)
                : X509CertificateLoader.LoadPkcs12FromFile(path, options.CertificatePassword);
        }
        catch (Exception ex) when (ex is IOException or System.Security.Cryptography.CryptographicException)
        {
            throw new InvalidOperationException($"Console:CertificatePath '{options.CertificatePath}' cannot be loaded: {ex.Message}", ex);
        }
    }
}
