using System.Text.Json;
using System.Text.Json.Nodes;
using EDTF.Streaming.Cli.Tests.Streaming;
using EDTF.Streaming.Kafka;
using EDTF.Streaming.Tests;

namespace EDTF.Streaming.Cli.Tests.WebConsole;

/// <summary>
/// The demo scenario simulated, produced to the embedded broker, run through the service until every record is processed,
/// and the console reading the service's alert topic (sign-in off). Shared by the console tests of one class.
/// </summary>
public sealed class ConsoleScenario : IAsyncLifetime
{
    private const int Partitions = 3;
    private readonly EmbeddedBroker _broker = EmbeddedBroker.Start(new EmbeddedBrokerOptions { Port = 0, Topics = [] });
    private ScenarioData? _scenario;
    private ServiceUnderTest? _service;
    private ConsoleUnderTest? _console;
    private TopicSet? _topics;

    internal string Bootstrap => _broker.BootstrapServers;

    internal string AlertsTopic => _topics!.Alerts;

    internal ConsoleUnderTest Console => _console!;

    public async Task InitializeAsync()
    {
        _scenario = new ScenarioData();
        _topics = TopicSet.Create(_broker, "console", Partitions);
        await Kcat.RunAsync(["-b", Bootstrap, "-P", "-t", _topics.Input, "-K", "\t", "-D", "\\x1e"], ScenarioData.KcatInput(_scenario.Records, keyed: true));
        _service = await ServiceUnderTest.StartAsync(Bootstrap, _topics);
        await _service.WaitUntilProcessedAsync(_scenario.Records.Count, TimeSpan.FromSeconds(90));
        _console = await ConsoleUnderTest.StartAsync(Bootstrap, _topics.Alerts);
    }

    /// <summary>Every alert body on the alert topic, read with kcat (an independent client), in topic order per partition.</summary>
    internal async Task<List<JsonElement>> TopicBodiesAsync()
    {
        var output = await Kcat.RunAsync(["-b", Bootstrap, "-C", "-t", AlertsTopic, "-e", "-q", "-f", "%s\\n"]);
        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.Clone())];
    }

    /// <summary>Publishes a new alert update with kcat: a copy of <paramref name="template"/> under <paramref name="alertId"/> detected at <paramref name="detectedAt"/>, keyed as the service keys it.</summary>
    internal async Task PublishCopyAsync(JsonElement template, string alertId, DateTimeOffset detectedAt)
    {
        var body = JsonNode.Parse(template.GetRawText())!.AsObject();
        body["alertId"] = alertId;
        body["detectedAt"] = detectedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        await Kcat.RunAsync(["-b", Bootstrap, "-P", "-t", AlertsTopic, "-K", "\t"], alertId + "\t" + body.ToJsonString() + "\n");
    }

    public async Task DisposeAsync()
    {
        if (_console is not null)
        {
            await _console.DisposeAsync();
        }

        if (_service is not null)
        {
            await _service.DisposeAsync();
        }

        _scenario?.Dispose();
        _broker.Dispose();
    }
}
