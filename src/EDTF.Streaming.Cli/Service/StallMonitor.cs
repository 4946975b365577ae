using Microsoft.Extensions.Logging;

namespace EDTF.Streaming.Cli.Service;

/// <summary>Turns health readings into the stalled-seconds gauge, and logs one error when a stall makes the service not alive and one line when it clears.</summary>
/// <remarks>Called from one thread (<see cref="StallWatch"/>), never from the service's own threads (they may be the ones stalled). A fault is not a stall: the worker logs it.</remarks>
internal sealed class StallMonitor(ServiceSettings settings, PrometheusStreamingMetrics metrics, ILogger logger)
{
    private string? _stall;
    private DateTime _detectedUtc;

    /// <summary>True between the error line of a stall and the line of its end.</summary>
    public bool InStall => _stall is not null;

    /// <summary>Sets the gauge from <paramref name="health"/> at <paramref name="nowUtc"/> and logs a stall's start or end.</summary>
    public void Check(ServiceHealth health, DateTime nowUtc)
    {
        metrics.ProcessingStalled(health.ProcessingStalledFor(nowUtc).TotalSeconds);
        var problem = health.Faulted ? null : StreamingHost.Liveness(health, settings, nowUtc);
        if (problem is not null && _stall is null)
        {
            _stall = problem;
            _detectedUtc = nowUtc;
            logger.LogError("stall: {Problem} (bound Service:StallSeconds = {StallSeconds} s); /healthz fails until it clears", problem, settings.StallSeconds);
        }
        else if (problem is null && _stall is not null)
        {
            logger.LogWarning("stall cleared {Seconds:F0} s after it was detected ({Problem}); /healthz is ok again", (nowUtc - _detectedUtc).TotalSeconds, _stall);
            _stall = null;
        }
    }
}
