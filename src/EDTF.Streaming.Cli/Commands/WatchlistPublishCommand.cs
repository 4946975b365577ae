using System.CommandLine;
using Confluent.Kafka;
using EDTF.Streaming.Cli.Replay;
using EDTF.Streaming.Cli.Service;
using EDTF.Streaming.Cli.Watchlists;

namespace EDTF.Streaming.Cli.Commands;

/// <summary><c>edtf watchlist publish</c>: writes a normalised list to the watch-list topic, with tombstones for the entries no longer on it.</summary>
internal static class WatchlistPublishCommand
{
    public static EdtfCommand Create()
    {
        var input = new Option<string>("--input")
        {
            Description = "the normalised list ('edtf watchlist import' output, or the project's CSV)",
            HelpName = "FILE",
            Required = true,
        }.ExistingFile();
        var bootstrapServers = new Option<string?>("--bootstrap-servers")
        {
            Description = "Kafka brokers (default Kafka:BootstrapServers: $EDTF__Kafka__BootstrapServers or 127.0.0.1:9092)",
            HelpName = "HOST:PORT",
        };
        var topic = new Option<string?>("--topic") { Description = "the watch-list topic (default Kafka:WatchlistTopic, edtf.watchlist)", HelpName = "TOPIC" };
        var effective = SharedOptions.Time(
            "--effective",
            "event time from which the changes hold (the record timestamps and an 'effective' field in each value); default: now");
        var command = new EdtfCommand(
            "publish",
            "Publish a normalised watch list to the compacted watch-list topic (key = entry id, tombstone = delisted).",
            """
            Reads the topic first: only entries that are new or changed are written, and a tombstone for each entry on the
            topic that the list no longer holds. What was added, changed and removed goes to stderr. The detecting service
            applies each change when its event time reaches the change's effective time (docs/watchlists.md).
            Connects like the service (Kafka:BootstrapServers, Kafka:Client settings, EDTF__Kafka__... variables).
            Exit code 0 on success, 1 when the list cannot be read or the broker or topic is not available, 2 for a bad command line.
            """)
        {
            input, bootstrapServers, topic, effective,
        };
        command.SetRun((parseResult, cancellationToken) =>
        {
            var kafka = StreamingHost.BindKafka(StreamingHost.LoadConfiguration(new Dictionary<string, string?>()));
            kafka.BootstrapServers = parseResult.GetValue(bootstrapServers) ?? kafka.BootstrapServers;
            DateTimeOffset? at = parseResult.GetValue(effective) is { } text && TimeArgument.TryParse(text, out var ms) ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
            var topicName = parseResult.GetValue(topic) ?? kafka.WatchlistTopic;
            var stderr = parseResult.InvocationConfiguration.Error;
            return Task.Run(() => Run(kafka, topicName, parseResult.GetRequiredValue(input), at, stderr, cancellationToken), CancellationToken.None);
        });
        return command;
    }

    private static int Run(Kafka.KafkaOptions kafka, string topic, string input, DateTimeOffset? effective, TextWriter stderr, CancellationToken stop)
    {
        void Log(string line) => stderr.WriteLine($"edtf watchlist publish: {line}");
        List<(string Key, string Value)> desired;
        try
        {
            desired = NormalisedList.Read(input, effective);
        }
        catch (Exception ex) when (ex is FormatException or IOException or UnauthorizedAccessException)
        {
            Log(ex.Message);
            return 1;
        }

        try
        {
            var plan = WatchlistPublishPlan.Of(desired, WatchlistTopicClient.ReadCurrent(kafka, topic, Log, stop));
            WatchlistTopicClient.Write(kafka, topic, plan, effective ?? TimeProvider.System.GetUtcNow(), Log);
            Log($"{topic}: {desired.Count} entries in {input}: added {plan.Added.Count}, changed {plan.Changed.Count}, removed {plan.Removed.Count}, unchanged {plan.Unchanged}");
            foreach (var (what, ids) in new[] { ("added", plan.Added), ("changed", plan.Changed), ("removed", plan.Removed) })
            {
                foreach (var id in ids)
                {
                    Log($"{what}: {id}");
                }
            }

            return 0;
        }
        catch (KafkaException ex)
        {
            Log($"cannot publish to {topic} at {kafka.BootstrapServers}: {ex.Error.Reason}");
            return 1;
        }
        catch (AggregateException ex) when (ex.InnerException is KafkaException k)
        {
            Log($"cannot publish to {topic} at {kafka.BootstrapServers}: {k.Error.Reason}");
            return 1;
        }
    }
}
