using System.Text;
using EDTF.Streaming.Ais;
using EDTF.Streaming.Detection;
using EDTF.Streaming.Kafka;
using EDTF.Streaming.Tests;

namespace EDTF.Streaming.Cli.Tests.Streaming;

/// <summary>The service on the embedded broker, fed by kcat, against the pipeline run offline on the same simulated lines.</summary>
public sealed class StreamingServiceTests : IClassFixture<ScenarioData>, IDisposable
{
    private const int Partitions = 6;
    private readonly ScenarioData _scenario;
    private readonly EmbeddedBroker _broker = EmbeddedBroker.Start(new EmbeddedBrokerOptions { Port = 0, Topics = [] });

    public StreamingServiceTests(ScenarioData scenario)
    {
        _scenario = scenario;
    }

    public void Dispose() => _broker.Dispose();

    [Fact]
    public async Task Run_ScenarioKeyedByMmsiWithPoisonRecords_AlertsMatchOfflineAndPoisonGoesToDlq()
    {
        var topics = TopicSet.Create(_broker, "keyed", Partitions);
        var poison = new[]
        {
            new ScenarioRecord("poison", "this is not AIS at all"),
            new ScenarioRecord("poison", "!AIVDM,1,1,,B,15M67FC000G?ufbE`FepT@3n00Sa"),
            new ScenarioRecord("poison", Encoding.Latin1.GetString([0x00, 0xFF, 0xFE, 0x21, 0x41, 0x49, 0x56, 0x44, 0x4D, 0x2C, 0x80, 0x81, 0x7F])),
        };
        var records = _scenario.Records.Take(_scenario.Records.Count / 2).Concat(poison).Concat(_scenario.Records.Skip(_scenario.Records.Count / 2)).ToList();
        await Kcat.RunAsync(["-b", _broker.BootstrapServers, "-P", "-t", topics.Input, "-K", "\t", "-D", "\\x1e"], ScenarioData.KcatInput(records, keyed: true));

        await using var service = await ServiceUnderTest.StartAsync(_broker.BootstrapServers, topics);
        await service.WaitUntilProcessedAsync(records.Count, TimeSpan.FromSeconds(60));

        var alerts = TopicReader.ReadAll(_broker.BootstrapServers, topics.Alerts, Partitions);
        alerts.Select(a => AlertKey.Of(AlertJson.Deserialize(a.Message.Value))).Should().BeEquivalentTo(_scenario.Expected);
        _scenario.Expected.Should().Contain(a => a.Status == "open").And.Contain(a => a.Status == "closed");

        var dlq = TopicReader.ReadAll(_broker.BootstrapServers, topics.Dlq, 3);
        dlq.Should().HaveCount(_scenario.ExpectedDeadLetters + poison.Length);
        foreach (var p in poison)
        {
            var letter = dlq.Single(d => d.Message.Value is { } v && Encoding.UTF8.GetString(v) == p.Value);
            Encoding.UTF8.GetString(letter.Message.Key!).Should().Be("poison");
            Header(letter, KafkaHeaderNames.ErrorTopic).Should().Be(topics.Input);
            long.Parse(Header(letter, KafkaHeaderNames.ErrorOffset)).Should().BeGreaterThanOrEqualTo(0);
            int.Parse(Header(letter, KafkaHeaderNames.ErrorPartition)).Should().BeInRange(0, Partitions - 1);
            Header(letter, KafkaHeaderNames.ErrorClassName).Should().Be("EDTF.Streaming.Ais.DecodeReject");
            Header(letter, KafkaHeaderNames.ErrorMessage).Should().StartWith(Header(letter, KafkaHeaderNames.ErrorReason) + ": ");
        }

        var m = await service.MetricsAsync();
        m["edtf_records_consumed_total"].Should().Be(records.Count);
        m["edtf_dead_letters_total"].Should().Be(dlq.Count);
        m["edtf_processing_latency_seconds_count"].Should().Be(records.Count);
        m.Where(kv => kv.Key.StartsWith("edtf_alerts_total{", StringComparison.Ordinal)).Sum(kv => kv.Value).Should().Be(alerts.Count);
        foreach (var group in _scenario.Expected.GroupBy(a => (a.Type, a.Status)))
        {
            m[$"edtf_alerts_total{{type=\"{group.Key.Type}\",status=\"{group.Key.Status}\"}}"].Should().Be(group.Count());
        }
        m["edtf_sentences_decoded_total"].Should().Be(_scenario.Decoder.Sentences);
        // Rejects of a line's own content are the same whatever the order; fragment-group rejects (orphan, expired) depend
        // on how partitions interleave, so they are left out.
        var contentReasons = RejectReasons.All.Where(r => r is not (RejectReason.OrphanFragment or RejectReason.ExpiredFragments)).ToList();
        contentReasons.Sum(r => m[$"edtf_decode_rejects_total{{reason=\"{RejectReasons.ToLabel(r)}\"}}"])
            .Should().Be(contentReasons.Sum(r => _scenario.Decoder.RejectsOf(r)) + poison.Length);
        m["edtf_alerts_produce_errors_total"].Should().Be(0);
        (await service.GetResponseAsync("/readyz")).IsSuccessStatusCode.Should().BeTrue();
        (await service.GetResponseAsync("/healthz")).IsSuccessStatusCode.Should().BeTrue();
    }

    [Fact]
    public async Task Run_ScenarioUnkeyedAcrossPartitions_AlertsMatchOffline()
    {
        var topics = TopicSet.Create(_broker, "unkeyed", Partitions);
        await Kcat.RunAsync(["-b", _broker.BootstrapServers, "-P", "-t", topics.Input, "-D", "\\x1e"], ScenarioData.KcatInput(_scenario.Records, keyed: false));

        await using var service = await ServiceUnderTest.StartAsync(_broker.BootstrapServers, topics);
        await service.WaitUntilProcessedAsync(_scenario.Records.Count, TimeSpan.FromSeconds(60));

        var alerts = TopicReader.ReadAll(_broker.BootstrapServers, topics.Alerts, Partitions);
        alerts.Select(a => AlertKey.Of(AlertJson.Deserialize(a.Message.Value))).Should().BeEquivalentTo(_scenario.Expected);
        var used = TopicReader.ReadAll(_broker.BootstrapServers, topics.Input, Partitions).Select(r => r.Partition.Value).Distinct();
        used.Should().HaveCountGreaterThan(1, "unkeyed records spread over the partitions");
    }

    [Fact]
    public async Task Run_AlertRecords_CarryCloudEventsHeadersAndAlertIdKey()
    {
        var topics = TopicSet.Create(_broker, "cloudevents", 2);
        await Kcat.RunAsync(["-b", _broker.BootstrapServers, "-P", "-t", topics.Input, "-K", "\t", "-D", "\\x1e"], ScenarioData.KcatInput(_scenario.Records, keyed: true));

        await using var service = await ServiceUnderTest.StartAsync(_broker.BootstrapServers, topics);
        await service.WaitUntilProcessedAsync(_scenario.Records.Count, TimeSpan.FromSeconds(60));

        var alerts = TopicReader.ReadAll(_broker.BootstrapServers, topics.Alerts, 2);
        alerts.Should().NotBeEmpty();
        foreach (var a in alerts)
        {
            var body = AlertJson.Deserialize(a.Message.Value);
            Encoding.UTF8.GetString(a.Message.Key!).Should().Be(body.AlertId);
            Header(a, "ce_specversion").Should().Be("1.0");
            Header(a, "ce_id").Should().Be(AlertEventIds.Of(body)).And.StartWith($"{body.AlertId}/{body.Status}/");
            Header(a, "ce_source").Should().Be("urn:edtf:streaming");
            Header(a, "ce_type").Should().Be($"org.edtf.alert.{body.Type.ToLowerInvariant()}.{body.Status}");
            DateTimeOffset.Parse(Header(a, "ce_time"), System.Globalization.CultureInfo.InvariantCulture).Should().Be(body.DetectedAt);
            Header(a, "ce_time").Should().EndWith("Z");
            Header(a, "content-type").Should().Be("application/json");
            body.Source!.Topic.Should().Be(topics.Input);
        }

        alerts.Select(a => Header(a, "ce_id")).Should().OnlyHaveUniqueItems();
    }

    private static string Header(Confluent.Kafka.ConsumeResult<byte[]?, byte[]?> r, string name) =>
        r.Message.Headers.TryGetLastBytes(name, out var v) ? Encoding.UTF8.GetString(v) : throw new KeyNotFoundException(name);
}
