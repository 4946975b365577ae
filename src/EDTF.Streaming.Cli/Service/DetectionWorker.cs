using EDTF.Streaming.Kafka;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EDTF.Streaming.Cli.Service;

/// <summary>Runs the Kafka driver on its own thread for the lifetime of the host; a failure stops the host with exit code 1.</summary>
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
