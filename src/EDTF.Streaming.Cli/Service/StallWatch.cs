using EDTF.Streaming.Kafka;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EDTF.Streaming.Cli.Service;

/// <summary>Reads the service's health once a second (by its clock) into a <see cref="StallMonitor"/>: the stall gauge and the stall log lines.</summary>
internal sealed class StallWatch(KafkaDetectionService service, ServiceSettings settings, PrometheusStreamingMetrics metrics, ILogger<StallWatch> logger) : BackgroundService
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var monitor = new StallMonitor(settings, metrics, logger);
        using var timer = new PeriodicTimer(Period, service.Clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                monitor.Check(ServiceHealth.Of(service), service.Clock.GetUtcNow().UtcDateTime);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
