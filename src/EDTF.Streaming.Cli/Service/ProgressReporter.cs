using EDTF.Streaming.Kafka;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EDTF.Streaming.Cli.Service;

/// <summary>Logs a progress line every <see cref="ServiceSettings.ProgressLogSeconds"/> while the service reads (a long catch-up or state rebuild shows its pace and its end).</summary>
internal sealed class ProgressReporter(
    PrometheusStreamingMetrics metrics, KafkaDetectionService service, ServiceSettings settings, TimeProvider clock, ILogger<ProgressReporter> logger) : BackgroundService
{
    private readonly TaskCompletionSource _timing = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the interval timer runs (tests advance a fake clock only after it).</summary>
    internal Task Timing => _timing.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (settings.ProgressLogSeconds <= 0)
        {
            return;
        }

        var period = TimeSpan.FromSeconds(settings.ProgressLogSeconds);
        using var timer = new PeriodicTimer(period, clock);
        var last = metrics.Snapshot(service.TotalLag);
        var lastAt = clock.GetTimestamp();
        _timing.TrySetResult();
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                var now = metrics.Snapshot(service.TotalLag);
                var at = clock.GetTimestamp();
                var recovery = service.TakeRecoveryNote();
                if (!now.IsIdleSince(last) || recovery is not null)
                {
                    var line = now.Describe(last, clock.GetElapsedTime(lastAt, at));
                    logger.LogInformation("{Progress}", recovery is null ? line : $"{line}; state: {recovery}");
                }

                last = now;
                lastAt = at;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
