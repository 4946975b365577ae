using Confluent.Kafka;

namespace EDTF.Streaming.Kafka.Clients;

/// <summary>
/// librdkafka's own log and error events as log lines that start with their level (<c>error:</c>, <c>warn:</c>, <c>info:</c>,
/// <c>debug:</c>), for the service's line log; <see cref="LevelOf"/> reads the level back.
/// </summary>
internal static class KafkaLog
{
    public const string Error = "error";
    public const string Warn = "warn";
    public const string Info = "info";
    public const string Debug = "debug";

    /// <summary>The service's level of a librdkafka syslog level.</summary>
    public static string Level(SyslogLevel level) => level switch
    {
        <= SyslogLevel.Error => Error,
        SyslogLevel.Warning => Warn,
        SyslogLevel.Notice or SyslogLevel.Info => Info,
        _ => Debug,
    };

    /// <summary>One librdkafka log message as a line, e.g. <c>error: kafka rdkafka#consumer-1 FAIL: ...</c>.</summary>
    public static string Line(LogMessage message) => $"{Level(message.Level)}: kafka {message.Name} {message.Facility}: {message.Message}";

    /// <summary>An error event of a client as a line: <c>error: kafka: ...</c> (fatal errors say so).</summary>
    public static string Line(Confluent.Kafka.Error error) =>
        $"{Error}: kafka{(error.IsFatal ? " (fatal)" : string.Empty)}: {error.Reason} ({error.Code})";

    /// <summary>A log handler that writes every message at or above <paramref name="minimum"/> to <paramref name="log"/>.</summary>
    /// <remarks>librdkafka calls it on its own threads: <paramref name="log"/> must be thread-safe and quick.</remarks>
    public static Action<LogMessage> To(Action<string> log, SyslogLevel minimum = SyslogLevel.Debug) => m =>
    {
        if (m.Level <= minimum)
        {
            log(Line(m));
        }
    };

    /// <summary>The level a line starts with, or <see cref="Info"/> when it starts with none.</summary>
    public static string LevelOf(string line)
    {
        foreach (var level in (ReadOnlySpan<string>)[Error, Warn, Debug, Info])
        {
            if (line.Length > level.Length && line.StartsWith(level, StringComparison.Ordinal) && line[level.Length] == ':')
            {
                return level;
            }
        }

        return Info;
    }
}
