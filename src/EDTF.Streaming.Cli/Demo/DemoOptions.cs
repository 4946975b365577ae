namespace EDTF.Streaming.Cli.Demo;

/// <summary>What <c>edtf demo</c> runs: which scenario, where its files go, how fast, and the ports.</summary>
internal sealed class DemoOptions
{
    /// <summary>The wall time the default speed aims at for the whole scenario.</summary>
    public static readonly TimeSpan TargetWallTime = TimeSpan.FromSeconds(60);

    public required string ScenarioPath { get; init; }

    /// <summary>Overrides the scenario's seed.</summary>
    public long? Seed { get; init; }

    /// <summary>Where the simulation is written; null = a temporary directory removed at the end.</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>Event-time seconds per wall-clock second; <see cref="double.PositiveInfinity"/> = no pacing; null = the scenario in about <see cref="TargetWallTime"/>.</summary>
    public double? Speed { get; init; }

    /// <summary>Preferred port of <c>/metrics</c>; a free one is used when it is busy; 0 = any free port.</summary>
    public int MetricsPort { get; init; } = 9464;

    /// <summary>Preferred port of the console (<c>edtf console</c>, sign-in off, loopback only); a free one is used when it is busy; 0 = any free port.</summary>
    public int ConsolePort { get; init; } = 8080;

    /// <summary>Port of the embedded broker; 0 = a free port.</summary>
    public int BrokerPort { get; init; }

    /// <summary>Where the service's metrics go; null = a registry of this run only (tests). The command passes the default registry, which adds process and .NET runtime metrics.</summary>
    public Prometheus.CollectorRegistry? Registry { get; init; }

    /// <summary>Partitions of each topic.</summary>
    public int Partitions { get; init; } = 12;

    /// <summary>The speed used for a scenario of <paramref name="durationHours"/>: <see cref="Speed"/>, else one that plays it in about <see cref="TargetWallTime"/>.</summary>
    public double EffectiveSpeed(double durationHours) =>
        Speed ?? Math.Max(1, Math.Round(durationHours * 3600 / TargetWallTime.TotalSeconds));
}
