namespace EDTF.Streaming.Cli.Service;

/// <summary>The <c>Service</c> configuration section: the HTTP endpoint for metrics and health and the bounds health is decided by.</summary>
internal sealed class ServiceSettings
{
    public const string SectionName = "Service";

    /// <summary>Default of <see cref="StallSeconds"/>: far above any round of the processing thread (a batch of 512 records takes milliseconds; a revocation's flush is bounded by <c>Kafka:CloseTimeoutSeconds</c>).</summary>
    public const int DefaultStallSeconds = 60;

    /// <summary>Port of <c>/metrics</c>, <c>/healthz</c>, <c>/readyz</c>; 0 picks a free port.</summary>
    public int MetricsPort { get; set; } = 9464;

    /// <summary>Address the HTTP endpoint listens on: loopback by default; <c>0.0.0.0</c> (or <c>*</c>) in a container, for Prometheus and probes.</summary>
    public string MetricsHost { get; set; } = "127.0.0.1";

    /// <summary>Not ready when records wait but none went through for this long.</summary>
    public int StalledAfterSeconds { get; set; } = 30;

    /// <summary>
    /// Liveness bound: <c>/healthz</c> fails when the processing thread has been in one round this long while input waits,
    /// or the consume loop has not polled for this long; <c>/readyz</c> fails from a quarter of it.
    /// </summary>
    /// <remarks>Seconds, greater than 0; default <see cref="DefaultStallSeconds"/>.</remarks>
    public int StallSeconds { get; set; } = DefaultStallSeconds;

    /// <summary><c>/readyz</c> fails while this many records or more threw in decoding or detection within the last minute (a defect or a poisoned state: each is dead-lettered, the stream goes on).</summary>
    public int MaxProcessingErrorsPerMinute { get; set; } = 60;

    /// <summary>Seconds between progress lines in the log while records are read (0: none).</summary>
    public int ProgressLogSeconds { get; set; } = 30;

    /// <summary>What is wrong with these settings, one line each naming the key; empty when they can run.</summary>
    public IEnumerable<string> Problems()
    {
        if (StallSeconds <= 0)
        {
            yield return $"Service:StallSeconds must be greater than 0, got {StallSeconds}";
        }

        if (MetricsPort is < 0 or > 65535)
        {
            yield return $"Service:MetricsPort must be within 0-65535, got {MetricsPort}";
        }

        if (StalledAfterSeconds <= 0 || MaxProcessingErrorsPerMinute <= 0 || ProgressLogSeconds < 0)
        {
            yield return "Service:StalledAfterSeconds and MaxProcessingErrorsPerMinute must be > 0, ProgressLogSeconds >= 0";
        }
    }
}
