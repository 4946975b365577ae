namespace EDTF.Streaming.Cli.Service;

/// <summary>The <c>Service</c> configuration section: the HTTP port for metrics and health.</summary>
internal sealed class ServiceSettings
{
    public const string SectionName = "Service";

    /// <summary>Port of <c>/metrics</c>, <c>/healthz</c>, <c>/readyz</c>; 0 picks a free port.</summary>
    public int MetricsPort { get; set; } = 9464;

    /// <summary>Address the HTTP endpoint listens on: loopback by default; <c>0.0.0.0</c> (or <c>*</c>) in a container, for Prometheus and probes.</summary>
    public string MetricsHost { get; set; } = "127.0.0.1";

    /// <summary>Not ready when records wait but none went through for this long.</summary>
    public int StalledAfterSeconds { get; set; } = 30;

    /// <summary>Seconds between progress lines in the log while records are read (0: none).</summary>
    public int ProgressLogSeconds { get; set; } = 30;
}
