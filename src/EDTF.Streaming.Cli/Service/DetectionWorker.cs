using EDTF.Streaming.Kafka;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EDTF.Streaming.Cli.Service;

/// <summary>Runs the Kafka driver on its own thread for the lifetime of the host; a failure stops the host with exit code 1, a lost detection lease with 3.</summary>
internal sealed class DetectionWorker(KafkaDetectionService service, IHostApplicationLifetime lifetime, ILogger<DetectionWorker> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                service.Run(stoppingToken);
                if (service.LeaseLost)
                {
                    // Crash-only: a fresh process stands by again (the orchestrator restarts it) instead of reusing this state.
                    logger.LogWarning("the detection lease was taken away; stopping (exit code 3) so that a fresh process stands by");
                    Environment.ExitCode = 3;
                    lifetime.StopApplication();
                }

                done.SetResult();
            }
            catch (Exception e)
            {
                logger.LogCritical(e, "the detection service stopped on an error");
                Environment.ExitCode = 1;
                done.SetResult();
                lifetime.StopApplication();
            }
        })
        {
            Name = "edtf-consume",
            IsBackground = true,
        };
        thread.Start();
        return done.Task;
    }
}
