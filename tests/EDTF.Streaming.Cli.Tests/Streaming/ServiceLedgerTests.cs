using System.Globalization;
using EDTF.Streaming.Cli.Service;
using EDTF.Streaming.Detection;
using EDTF.Streaming.Detection.Cargo;
using EDTF.Streaming.Kafka;
using EDTF.Streaming.Tests;

namespace EDTF.Streaming.Cli.Tests.Streaming;

/// <summary>The ledger as the service's gauges: the stories scenario through the embedded broker, the gauges against the ledger of the alerts topic.</summary>
public sealed class ServiceLedgerTests : IDisposable
{
    private const int Partitions = 4;
    private readonly EmbeddedBroker _broker = EmbeddedBroker.Start(new EmbeddedBrokerOptions { Port = 0, Topics = [] });
    private readonly ScenarioData _stories = new(TestPaths.InRepo("config/scenarios/stories.json"));

    public void Dispose()
    {
        _stories.Dispose();
        _broker.Dispose();
    }

    [Fact]
    public async Task Run_Stories_LedgerGaugesEqualTheLedgerOfTheAlertsTopic()
    {
        var topics = TopicSet.Create(_broker, "ledger", Partitions);
        await Kcat.RunAsync(["-b", _broker.BootstrapServers, "-P", "-t", topics.Input, "-K", "\t", "-D", "\\x1e"], ScenarioData.KcatInput(_stories.Records, keyed: true));

        await using var service = await ServiceUnderTest.StartAsync(_broker.BootstrapServers, topics);
        await service.WaitUntilProcessedAsync(_stories.Records.Count, TimeSpan.FromSeconds(120));

        var ledger = new Ledger(new LedgerOptions(), ["KP"]);
        foreach (var record in TopicReader.ReadAll(_broker.BootstrapServers, topics.Alerts, Partitions))
        {
            ledger.Add(AlertJson.Deserialize(record.Message.Value));
        }

        var years = ledger.Years();
        years.Select(y => y.Year).Should().Equal(2025, 2026);
        years[0].RefinedBarrels.Estimate.Should().BePositive("the DPRK tanker unloaded at Nampo");
        years[0].CoalTonnes.Estimate.Should().BePositive("coal loaded at Rajin");
        years[1].RefinedBarrels.Estimate.Should().BePositive("the transfer to a DPRK-flagged tanker");
        var m = await service.MetricsAsync();
        foreach (var y in years)
        {
            var year = y.Year.ToString(CultureInfo.InvariantCulture);
            foreach (var (name, figure) in new[] { (MetricNames.LedgerRefinedBarrels, y.RefinedBarrels), (MetricNames.LedgerCrudeBarrels, y.CrudeBarrels), (MetricNames.LedgerCoalTonnes, y.CoalTonnes) })
            {
                m[$"{name}{{year=\"{year}\",bound=\"estimate\"}}"].Should().Be(figure.Estimate, $"{name} {year}");
                m[$"{name}{{year=\"{year}\",bound=\"low\"}}"].Should().Be(figure.Low);
                m[$"{name}{{year=\"{year}\",bound=\"high\"}}"].Should().Be(figure.High);
            }

            m[$"{MetricNames.LedgerCapShare}{{year=\"{year}\",product=\"refined\"}}"].Should().Be(y.RefinedCapShare);
            m[$"{MetricNames.LedgerCapShare}{{year=\"{year}\",product=\"crude\"}}"].Should().Be(y.CrudeCapShare);
        }
    }
}
