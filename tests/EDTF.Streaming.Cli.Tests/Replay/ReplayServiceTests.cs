using EDTF.Streaming.Cli.Tests.Streaming;
using EDTF.Streaming.Detection;
using EDTF.Streaming.Kafka;
using EDTF.Streaming.Kafka.Replay;
using EDTF.Streaming.Tests;

namespace EDTF.Streaming.Cli.Tests.Replay;

/// <summary>The demo scenario replayed as NMEA and as MarineCadastre CSV through the embedded broker gives the same alerts from the service.</summary>
public sealed class ReplayServiceTests : IDisposable
{
    private const int Partitions = 4;
    private readonly EmbeddedBroker _broker = EmbeddedBroker.Start(new EmbeddedBrokerOptions { Port = 0, Topics = [] });
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "edtf-replay-service-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        _broker.Dispose();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task Run_ReplayOfNmeaAndOfCsv_GivesTheSameAlerts()
    {
        (await Cli.RunAsync("simulate", "--scenario", TestPaths.InRepo("config/scenarios/demo.json"), "--output", _folder, "--format", "both")).ExitCode
            .Should().Be(0);

        var fromNmea = await AlertsOfReplayAsync("nmea", Path.Combine(_folder, "ais.nmea"));
        var fromCsv = await AlertsOfReplayAsync("csv", Path.Combine(_folder, "ais.csv"));

        fromNmea.Should().Contain(a => a.Status == "closed");
        fromCsv.Should().BeEquivalentTo(fromNmea);
    }

    private async Task<List<AlertKey>> AlertsOfReplayAsync(string name, string input)
    {
        var topics = TopicSet.Create(_broker, name, Partitions);
        var options = new ReplayOptions { Inputs = [input], BootstrapServers = _broker.BootstrapServers, Topic = topics.Input };
        var statistics = new ReplayStatistics();
        using (var sink = new KafkaReplaySink(options, statistics))
        {
            (await new ReplayRunner(options, sink, TimeProvider.System, statistics).RunAsync(CancellationToken.None)).Should().BeTrue();
        }

        statistics.Delivered.Should().Be(statistics.Sent).And.BeGreaterThan(0);
        await using var service = await ServiceUnderTest.StartAsync(_broker.BootstrapServers, topics);
        await service.WaitUntilProcessedAsync((int)statistics.Delivered, TimeSpan.FromSeconds(90));
        return [.. TopicReader.ReadAll(_broker.BootstrapServers, topics.Alerts, Partitions).Select(a => AlertKey.Of(AlertJson.Deserialize(a.Message.Value)))];
    }
}
