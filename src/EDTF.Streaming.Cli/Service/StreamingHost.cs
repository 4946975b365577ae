using System.Globalization;
using EDTF.Streaming.Detection;
using EDTF.Streaming.Kafka;
using EDTF.Streaming.Kafka.Clients;
using EDTF.Streaming.Kafka.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace EDTF.Streaming.Cli.Service;

/// <summary>Builds the <c>edtf run</c> host: configuration, the Kafka driver as a hosted worker, and <c>/metrics</c>, <c>/healthz</c>, <c>/readyz</c>.</summary>
internal static class StreamingHost
{
    /// <summary>Longest time without a poll before the service is not ready.</summary>
    public static readonly TimeSpan PollingBound = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Configuration in increasing precedence: <c>config/appsettings.json</c>, environment variables <c>EDTF__Section__Key</c>,
    /// then <paramref name="overrides"/> (the command line).
    /// </summary>
    public static IConfigurationRoot LoadConfiguration(IReadOnlyDictionary<string, string?> overrides, string? appSettingsPath = null)
    {
        var builder = new ConfigurationBuilder();
        var path = appSettingsPath ?? FindAppSettings();
        if (path is not null)
        {
            builder.AddJsonFile(path, optional: false, reloadOnChange: false);
        }

        return builder
            .AddEnvironmentVariables("EDTF__")
            .AddInMemoryCollection(overrides)
            .Build();
    }

    /// <summary>config/appsettings.json beside the executable; null when there is none.</summary>
    public static string? FindAppSettings()
    {
        var dir = DefaultConfig.Directory;
        var path = dir is null ? null : Path.Combine(dir, "appsettings.json");
        return path is not null && File.Exists(path) ? path : null;
    }

    public static KafkaOptions BindKafka(IConfiguration configuration)
    {
        var options = new KafkaOptions();
        configuration.GetSection(KafkaOptions.SectionName).Bind(options);
        return options;
    }

    public static StateOptions BindState(IConfiguration configuration)
    {
        var options = new StateOptions();
        configuration.GetSection(StateOptions.SectionName).Bind(options);
        return options;
    }

    public static DetectionOptions BindDetection(IConfiguration configuration)
    {
        var options = new DetectionOptions();
        configuration.GetSection(DetectionOptions.SectionName).Bind(options);
        return options;
    }

    /// <summary>Builds (does not start) the web application that hosts the service.</summary>
    public static WebApplication Build(IConfigurationRoot configuration, CollectorRegistry registry, Action<ILoggingBuilder>? logging = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, Args = [] });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddConfiguration(configuration);
        builder.Logging.ClearProviders();
        builder.Logging.AddConfiguration(configuration.GetSection("Logging"));
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });
        logging?.Invoke(builder.Logging);

        var kafka = BindKafka(configuration);
        var settings = new ServiceSettings();
        configuration.GetSection(ServiceSettings.SectionName).Bind(settings);
        builder.WebHost.ConfigureKestrel(k => MetricsEndpoint.Listen(k, settings.MetricsHost, Math.Clamp(settings.MetricsPort, 0, 65535)));
        builder.Services.AddSingleton<IHostLifetime, CommandLineLifetime>();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds((Math.Max(1, kafka.CloseTimeoutSeconds) * 2) + 5));
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(registry);
        builder.Services.AddSingleton(new PrometheusStreamingMetrics(registry));
        builder.Services.AddSingleton(new PrometheusStateMetrics(registry));
        builder.Services.AddKafkaDetection(configuration);

        var app = builder.Build();
        app.Lifetime.ApplicationStarted.Register(() => app.Logger.LogInformation(
            "metrics and health endpoint listening on {Address} ({Scope})", BoundAddress(app), MetricsEndpoint.Scope(BoundAddress(app))));
        app.MapMetrics("/metrics", registry);
        app.MapGet("/healthz", (KafkaDetectionService s, ServiceSettings cfg) => Liveness(s, cfg) is { } problem
            ? Results.Text(problem + "\n", statusCode: StatusCodes.Status503ServiceUnavailable)
            : Results.Text("ok\n"));
        app.MapGet("/readyz", (KafkaDetectionService s, ServiceSettings cfg) => Readiness(s, cfg) is { } problem
            ? Results.Text(problem + "\n", statusCode: StatusCodes.Status503ServiceUnavailable)
            : Results.Text("ready\n"));
        return app;
    }

    /// <summary>Why the service is not alive, or null when it is, by the service's own clock.</summary>
    public static string? Liveness(KafkaDetectionService s, ServiceSettings settings) =>
        Liveness(ServiceHealth.Of(s), settings, s.Clock.GetUtcNow().UtcDateTime);

    /// <summary>
    /// Why the service is not alive at <paramref name="nowUtc"/>, or null when it is: not faulted, the processing thread not in
    /// one round for longer than <see cref="ServiceSettings.StallSeconds"/> while input waits, and the consume loop polling
    /// within that (once it has started polling).
    /// </summary>
    public static string? Liveness(ServiceHealth s, ServiceSettings settings, DateTime nowUtc)
    {
        if (s.Faulted)
        {
            return "faulted";
        }

        var bound = TimeSpan.FromSeconds(settings.StallSeconds);
        if (s.ProcessingStalledFor(nowUtc) is var stalled && stalled > bound)
        {
            return ProcessingStalled(stalled);
        }

        if (s.LastPollUtc != default && nowUtc - s.LastPollUtc > bound)
        {
            return string.Create(CultureInfo.InvariantCulture, $"consumer not polling for {(nowUtc - s.LastPollUtc).TotalSeconds:F0} s");
        }

        return null;
    }

    /// <summary>Why the service is not ready, or null when it is, by the service's own clock.</summary>
    public static string? Readiness(KafkaDetectionService s, ServiceSettings settings) =>
        Readiness(ServiceHealth.Of(s), settings, s.Clock.GetUtcNow().UtcDateTime);

    /// <summary>Why the service is not ready at <paramref name="nowUtc"/>, or null when it is: standing by for the detection lease, or assigned partitions, polling, not in a stall of a quarter of <see cref="ServiceSettings.StallSeconds"/>, and making progress.</summary>
    public static string? Readiness(ServiceHealth s, ServiceSettings settings, DateTime nowUtc)
    {
        if (s.Faulted)
        {
            return "faulted";
        }

        if (s.Standby)
        {
            return null; // standing by for the detection lease is the healthy state of every instance but one
        }

        if (s.AssignedPartitions <= 0)
        {
            return "no partitions assigned";
        }

        if (nowUtc - s.LastPollUtc > PollingBound)
        {
            return "consumer not polling";
        }

        if (s.ProcessingStalledFor(nowUtc) is var stalled && stalled > TimeSpan.FromSeconds(settings.StallSeconds / 4.0))
        {
            return ProcessingStalled(stalled);
        }

        if (s.ProcessingErrorsLastMinute >= settings.MaxProcessingErrorsPerMinute)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"processing errors: {s.ProcessingErrorsLastMinute} record(s) in the last minute threw (each dead-lettered; see the log)");
        }

        if (s.TotalLag > 0 && nowUtc - s.LastProgressUtc > TimeSpan.FromSeconds(settings.StalledAfterSeconds))
        {
            return $"stalled: {s.TotalLag} record(s) waiting, none processed for {settings.StalledAfterSeconds} s";
        }

        return null;
    }

    private static string ProcessingStalled(TimeSpan stalled) =>
        string.Create(CultureInfo.InvariantCulture, $"processing stalled: in one round for {stalled.TotalSeconds:F0} s while input waits");

    /// <summary>The address the HTTP endpoint is bound to (after start), e.g. <c>http://0.0.0.0:9464</c>.</summary>
    public static string BoundAddress(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    /// <summary>A URL that reaches the HTTP endpoint from this host (after start): a wildcard bind is reached on loopback.</summary>
    public static string Address(WebApplication app) =>
        BoundAddress(app).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).Replace("[::]", "127.0.0.1", StringComparison.Ordinal);

    /// <summary>Writes a line of the Kafka driver at the level it starts with (<c>error:</c>, <c>warn:</c>, <c>debug:</c>; information otherwise).</summary>
    internal static void LogLine(ILogger logger, string line)
    {
        var level = KafkaLog.LevelOf(line) switch
        {
            KafkaLog.Error => LogLevel.Error,
            KafkaLog.Warn => LogLevel.Warning,
            KafkaLog.Debug => LogLevel.Debug,
            _ => LogLevel.Information,
        };
        logger.Log(level, "{Message}", line);
    }
}
