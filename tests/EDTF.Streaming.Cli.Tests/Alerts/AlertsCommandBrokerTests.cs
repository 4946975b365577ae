using System.Text;
using Confluent.Kafka;
using EDTF.Streaming.Cli.Alerts;
using EDTF.Streaming.Cli.Commands;
using EDTF.Streaming.Kafka;

namespace EDTF.Streaming.Cli.Tests.Alerts;

public sealed class AlertsCommandBrokerTests : IDisposable
{
    private readonly EmbeddedBroker _broker = EmbeddedBroker.Start(new EmbeddedBrokerOptions { Port = 0, Partitions = 3, Topics = ["edtf.alerts"] });

    public void Dispose() => _broker.Dispose();

    [Fact]
    public async Task Read_WholeTopic_UpsertsUpdatesFromEveryPartitionAndStopsAtTheEnd()
    {
        using (var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = _broker.BootstrapServers }).Build())
        {
            foreach (var (id, status, end) in new[] { ("a", "open", "null"), ("b", "open", "null"), ("a", "closed", "\"2023-01-01T05:00:00Z\""), ("c", "open", "null") })
            {
                await producer.ProduceAsync("edtf.alerts", new Message<string, string> { Key = id, Value = Body(id, status, end) });
            }

            await producer.ProduceAsync("edtf.alerts", new Message<string, string> { Key = "x", Value = "not json" });
        }

        var output = new StringWriter();
        var view = new AlertsView(output, json: false, follow: false, terminal: false, type: null, () => 40);

        var exit = await Task.Run(() => AlertsCommand.Read(new KafkaOptions { BootstrapServers = _broker.BootstrapServers }, "edtf.alerts", follow: false, fromBeginning: true, view, CancellationToken.None))
            .WaitAsync(TimeSpan.FromSeconds(60));

        exit.Should().Be(0);
        view.Table.Count.Should().Be(3);
        view.Table.OpenCount.Should().Be(2);
        view.Unreadable.Should().Be(1);
        output.ToString().Should().Contain("3 alerts, 2 open.").And.Contain("5h00m");
    }

    [Fact]
    public async Task Read_EmptyTopic_StopsWithAnEmptyTable()
    {
        var output = new StringWriter();
        var view = new AlertsView(output, json: false, follow: false, terminal: false, type: null, () => 40);

        var exit = await Task.Run(() => AlertsCommand.Read(new KafkaOptions { BootstrapServers = _broker.BootstrapServers }, "edtf.alerts", follow: false, fromBeginning: true, view, CancellationToken.None))
            .WaitAsync(TimeSpan.FromSeconds(60));

        exit.Should().Be(0);
        output.ToString().Should().Contain("0 alerts, 0 open.");
    }

    [Fact]
    public async Task Read_Follow_StopsOnCancel()
    {
        var view = new AlertsView(new StringWriter(), json: true, follow: true, terminal: false, type: null, () => 40);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(2));

        var exit = await Task.Run(() => AlertsCommand.Read(new KafkaOptions { BootstrapServers = _broker.BootstrapServers }, "edtf.alerts", follow: true, fromBeginning: false, view, cancel.Token))
            .WaitAsync(TimeSpan.FromSeconds(60));

        exit.Should().Be(0);
    }

    private static string Body(string id, string status, string end) =>
        "{\"alertId\":\"" + id + "\",\"type\":\"DarkPeriod\",\"status\":\"" + status + "\",\"vessel\":{\"mmsi\":445000001,\"imo\":null,\"name\":\"V " + id + "\"},"
        + "\"counterpart\":null,\"watchlist\":[],\"start\":\"2023-01-01T00:00:00Z\",\"end\":" + end + ",\"position\":{\"lat\":1,\"lon\":2},"
        + "\"port\":null,\"confidence\":\"low\",\"evidence\":{},\"detectedAt\":\"2023-01-01T06:00:00Z\",\"source\":null}";
}
