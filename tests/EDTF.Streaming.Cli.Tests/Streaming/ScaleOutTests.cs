using EDTF.Streaming.Detection;
using EDTF.Streaming.Kafka;
using EDTF.Streaming.Tests;

namespace EDTF.Streaming.Cli.Tests.Streaming;

/// <summary>
/// Several instances of one consumer group (what deploy/k8s runs): exactly the alert updates of one instance and of the
/// offline pipeline, whichever instance detects, keyed or unkeyed input, and after the detecting instance is killed.
/// </summary>
public sealed class ScaleOutTests : IClassFixture<ScenarioData>, IDisposable
{
    private const int Partitions = 12;
    private readonly ScenarioData _scenario;
    private readonly EmbeddedBroker _broker = EmbeddedBroker.Start(new EmbeddedBrokerOptions { Port = 0, Topics = [] });

    public ScaleOutTests(ScenarioData scenario)
    {
        _scenario = scenario;
    }

    public void Dispose() => _broker.Dispose();

    [Theory]
    [InlineData(1, true)]
    [InlineData(2, true)]
    [InlineData(3, true)]
    [InlineData(12, true)]
    [InlineData(3, false)]
    public async Task Run_InstancesOfOneGroupAllJoinedThenBacklog_AlertsMatchOffline(int instances, bool keyed)
    {
        var topics = TopicSet.Create(_broker, $"scale{instances}{(keyed ? "k" : "u")}", Partitions);
        var services = new List<ServiceUnderTest>();
        try
        {
            for (var i = 0; i < instances; i++)
            {
                services.Add(await ServiceUnderTest.StartAsync(_broker.BootstrapServers, topics));
            }

            var (_, elected) = await Eventually.PollAsync(() => services.Count(s => !s.Service.Standby), n => n == 1, TimeSpan.FromSeconds(30));
            elected.Should().BeTrue("one instance of the group takes the detection lease");

            var records = _scenario.Records;
            await Kcat.RunAsync(["-b", _broker.BootstrapServers, "-P", "-t", topics.Input, "-K", "\t", "-D", "\\x1e"], ScenarioData.KcatInput(records, keyed));
            var detector = services.Single(s => !s.Service.Standby);
            await detector.WaitUntilProcessedAsync(records.Count, TimeSpan.FromSeconds(90));

            var published = TopicReader.ReadAll(_broker.BootstrapServers, topics.Alerts, Partitions)
                .Select(a => AlertKey.Of(AlertJson.Deserialize(a.Message.Value)))
                .ToList();
            published.Should().BeEquivalentTo(_scenario.Expected, "{0} instance(s) give the offline pipeline's updates, each once", instances);
            services.Count(s => s.Service.Standby).Should().Be(instances - 1, "the others stand by");
            foreach (var standby in services.Where(s => s.Service.Standby))
            {
                (await standby.GetResponseAsync("/readyz")).IsSuccessStatusCode.Should().BeTrue("standing by is ready (a rolling update waits for it)");
                (await standby.MetricsAsync()).GetValueOrDefault("edtf_lease_held").Should().Be(0);
            }
        }
        finally
        {
            foreach (var s in services)
            {
                await s.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Run_ThreeProcessesDetectorKilledMidStream_AnotherTakesOverNothingLost()
    {
        var topics = TopicSet.Create(_broker, "scale-kill", Partitions);
        var records = _scenario.Records;
        var processes = Enumerable.Range(0, 3).Select(_ => ServiceProcess.Start(_broker.BootstrapServers, topics)).ToList();
        try
        {
            var first = await HolderAsync(processes, TimeSpan.FromSeconds(60));
            var cut = records.Count / 2;
            await Kcat.RunAsync(["-b", _broker.BootstrapServers, "-P", "-t", topics.Input, "-K", "\t", "-D", "\\x1e"], ScenarioData.KcatInput(records.Take(cut), keyed: true));
            await first.WaitUntilProcessedAsync(cut, TimeSpan.FromSeconds(60));
            first.Kill(); // SIGKILL: no revocation, no commit; the lease moves after the session timeout
            processes.Remove(first);
            first.Dispose();

            await Kcat.RunAsync(["-b", _broker.BootstrapServers, "-P", "-t", topics.Input, "-K", "\t", "-D", "\\x1e"], ScenarioData.KcatInput(records.Skip(cut), keyed: true));
            var second = await HolderAsync(processes, TimeSpan.FromSeconds(60));
            await second.WaitUntilCaughtUpAsync(records.Count - cut, TimeSpan.FromSeconds(90));

            var published = TopicReader.ReadAll(_broker.BootstrapServers, topics.Alerts, Partitions)
                .Select(a => AlertKey.Of(AlertJson.Deserialize(a.Message.Value)))
                .ToList();
            published.Distinct().Should().BeEquivalentTo(_scenario.Expected, "every update is there after the takeover");
            published.GroupBy(a => (a.AlertId, a.Status)).Should().OnlyContain(g => g.Distinct().Count() == 1, "repeats only as the same update");
        }
        finally
        {
            foreach (var p in processes)
            {
                p.Dispose();
            }
        }
    }

    private static async Task<ServiceProcess> HolderAsync(List<ServiceProcess> processes, TimeSpan timeout)
    {
        var (holder, found) = await Eventually.PollAsync<ServiceProcess?>(
            async () =>
            {
                foreach (var p in processes)
                {
                    if (await p.HoldsLeaseAsync())
                    {
                        return p;
                    }
                }

                return null;
            },
            p => p is not null,
            timeout);
        found.Should().BeTrue("one process of the group holds the detection lease within {0}", timeout);
        return holder!;
    }
}
