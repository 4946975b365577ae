using EDTF.Streaming.Detection;
using EDTF.Streaming.Kafka;
using EDTF.Streaming.Kafka.State;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EDTF.Streaming.Cli.Service;

/// <summary>
/// Hosting of the Kafka driver: <c>Kafka</c>, <c>Detection</c> and <c>Service</c> bound as options and validated when the
/// host starts (<c>ValidateOnStart</c>: a wrong value stops the start with every problem named), the driver as a singleton
/// with its logger, and the workers that run and watch it. <c>edtf run</c>, the demo and the tests build the same host.
/// </summary>
internal static class KafkaDetectionHosting
{
    /// <summary>Registers the detection service and its workers; needs a <see cref="TimeProvider"/> and a <see cref="PrometheusStreamingMetrics"/> registered (or registers the system clock).</summary>
    public static IServiceCollection AddKafkaDetection(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<KafkaOptions>().Bind(configuration.GetSection(KafkaOptions.SectionName)).ValidateOnStart();
        services.AddOptions<DetectionOptions>().Bind(configuration.GetSection(DetectionOptions.SectionName)).ValidateOnStart();
        services.AddOptions<ServiceSettings>().Bind(configuration.GetSection(ServiceSettings.SectionName)).ValidateOnStart();
        services.AddOptions<StateOptions>().Bind(configuration.GetSection(StateOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StateOptions>>(new ProblemsValidator<StateOptions>(StateProblems));
        services.AddSingleton<IValidateOptions<KafkaOptions>>(new ProblemsValidator<KafkaOptions>(o => o.Problems()));
        services.AddSingleton<IValidateOptions<ServiceSettings>>(new ProblemsValidator<ServiceSettings>(o => o.Problems()));
        services.AddSingleton<IValidateOptions<DetectionOptions>>(new ProblemsValidator<DetectionOptions>(DetectionProblems));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<ServiceSettings>>().Value);
        services.AddSingleton(sp =>
        {
            var kafka = sp.GetRequiredService<IOptions<KafkaOptions>>().Value;
            var detection = sp.GetRequiredService<IOptions<DetectionOptions>>().Value;
            var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger<KafkaDetectionService>();
            return new KafkaDetectionService(
                kafka, detection, DefaultConfig.LoadWatchlist(detection.WatchlistPath), DefaultConfig.LoadPorts(detection.PortsPath, detection.PortCall),
                sp.GetRequiredService<PrometheusStreamingMetrics>(), msg => StreamingHost.LogLine(logger, msg), sp.GetRequiredService<TimeProvider>())
            {
                State = sp.GetRequiredService<IOptions<StateOptions>>().Value,
                StateMetrics = sp.GetRequiredService<PrometheusStateMetrics>(),
            };
        });
        services.AddHostedService<DetectionWorker>();
        services.AddHostedService<ProgressReporter>();
        services.AddHostedService<StallWatch>();
        return services;
    }

    private static IEnumerable<string> StateProblems(StateOptions options)
    {
        try
        {
            options.Validate();
            return [];
        }
        catch (InvalidOperationException e)
        {
            return [e.Message];
        }
    }

    private static IEnumerable<string> DetectionProblems(DetectionOptions options)
    {
        try
        {
            options.Validate();
            return [];
        }
        catch (ArgumentException e)
        {
            return [$"Detection: {e.Message}"];
        }
    }

    /// <summary>Options validation from a function that lists what is wrong.</summary>
    private sealed class ProblemsValidator<T>(Func<T, IEnumerable<string>> problems) : IValidateOptions<T>
        where T : class
    {
        public ValidateOptionsResult Validate(string? name, T options) =>
            problems(options).ToList() is { Count: > 0 } found ? ValidateOptionsResult.Fail(found) : ValidateOptionsResult.Success;
    }
}
