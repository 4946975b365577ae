using System.Text.RegularExpressions;
using EDTF.Streaming.Tests;
using YamlDotNet.RepresentationModel;

namespace EDTF.Streaming.Cli.Tests.Deploy;

public sealed partial class ComposeTests
{
    private static readonly string ComposeDir = DeployFiles.Path("compose");

    private static YamlMappingNode Services => DeployFiles.LoadSingle("compose/docker-compose.yml").Map("services");

    [Fact]
    public void EveryYamlFile_Parses()
    {
        var files = DeployFiles.AllYaml().ToList();

        files.Should().HaveCountGreaterThanOrEqualTo(11);
        foreach (var file in files)
        {
            var docs = DeployFiles.LoadDocuments(file);
            docs.Should().NotBeEmpty(file).And.AllBeOfType<YamlMappingNode>(file);
        }
    }

    [Fact]
    public void Services_BindMountedFilesExist()
    {
        var mounts = 0;
        foreach (var (name, service) in ServiceList())
        {
            if (service.Get("volumes") is not YamlSequenceNode volumes)
            {
                continue;
            }

            foreach (var spec in volumes.Select(v => v.Str()))
            {
                var source = spec.Split(':')[0];
                if (source.StartsWith('.') || source.StartsWith('/'))
                {
                    Path.Exists(Path.GetFullPath(Path.Combine(ComposeDir, source))).Should().BeTrue("service {0} mounts {1}", name, source);
                    mounts++;
                }
            }
        }

        mounts.Should().BeGreaterThanOrEqualTo(5);
    }

    [Fact]
    public void Edtf_BuildsFromTheRepositoryRootWithTheDockerfile()
    {
        var build = Services.Map("edtf").Map("build");
        var context = Path.GetFullPath(Path.Combine(ComposeDir, build.Str("context")));

        context.Should().Be(Path.GetFullPath(TestPaths.RepositoryRoot));
        File.Exists(Path.Combine(context, build.Str("dockerfile"))).Should().BeTrue();
        File.Exists(Path.Combine(context, ".dockerignore")).Should().BeTrue();
    }

    [Fact]
    public void Edtf_EnvironmentNamesAreConfigKeys()
    {
        var env = Services.Map("edtf").Map("environment").ScalarPairs().ToList();

        env.Should().Contain(kv => kv.Key == "EDTF__Kafka__BootstrapServers");
        foreach (var (name, _) in env.Where(kv => !ConfigKeys.RuntimeVariables.Contains(kv.Key)))
        {
            var key = ConfigKeys.FromEnvironmentName(name);
            key.Should().NotBeNull("{0} lacks the EDTF__ prefix", name);
            ConfigKeys.Problem(key!).Should().BeNull();
        }
    }

    [Fact]
    public void Edtf_ReachesKafkaOnItsAdvertisedInternalListener()
    {
        var bootstrap = Services.Map("edtf").Map("environment").Str("EDTF__Kafka__BootstrapServers");
        var advertised = Services.Map("kafka").Map("environment").Str("KAFKA_ADVERTISED_LISTENERS");

        advertised.Split(',').Select(l => l[(l.IndexOf("://", StringComparison.Ordinal) + 3)..]).Should().Contain(bootstrap);
        Services.Get(bootstrap.Split(':')[0]).Should().NotBeNull("the bootstrap host is a compose service");
    }

    [Fact]
    public void Edtf_StartsAfterTopicInitAndPublishesTheMetricsPort()
    {
        var edtf = Services.Map("edtf");

        edtf.Map("depends_on").Map("topic-init").Str("condition").Should().Be("service_completed_successfully");
        Services.Map("topic-init").Map("depends_on").Map("kafka").Str("condition").Should().Be("service_healthy");
        Services.Map("kafka").Get("healthcheck").Should().NotBeNull();
        var port = edtf.Map("environment").Str("EDTF__Service__MetricsPort");
        edtf.Seq("ports").Select(p => p.Str()).Should().Contain(port + ":" + port);
        edtf.Map("environment").Str("EDTF__Service__MetricsHost").Should().Be("0.0.0.0", "a published port reaches the container's interface, not its loopback");
    }

    [Fact]
    public void TopicInit_CreatesTheTopicsWithTheirSettings()
    {
        var topics = CreatedTopics();

        topics.Keys.Should().BeEquivalentTo(["ais.raw", "edtf.alerts", "ais.raw.dlq", "edtf.lease", "edtf.state", "edtf.watchlist"]);
        topics["edtf.state"].Configs.Should().Contain("cleanup.policy=compact", "the state topic keeps the newest snapshot of each key");
        var maxMessage = topics[new EDTF.Streaming.Kafka.State.StateOptions().Topic].Configs.Single(c => c.StartsWith("max.message.bytes=", StringComparison.Ordinal))["max.message.bytes=".Length..];
        long.Parse(maxMessage, System.Globalization.CultureInfo.InvariantCulture).Should().BeGreaterThan(new EDTF.Streaming.Kafka.State.StateOptions().MaxChunkBytes + 1024, "a snapshot chunk and its envelope fit");
        topics["ais.raw"].Partitions.Should().Be(12);
        topics["edtf.lease"].Partitions.Should().Be(1, "the detection lease is partition 0; one partition keeps it one lease (ADR 0004)");
        topics["edtf.alerts"].Configs.Should().Contain("cleanup.policy=compact");
        topics["edtf.watchlist"].Configs.Should().Contain("cleanup.policy=compact", "the watch-list topic is the list: the latest value per entry id, tombstones for delisted entries");
        topics["edtf.watchlist"].Partitions.Should().Be(1, "one partition keeps every watch-list change in one order");
        topics["ais.raw"].Configs.Should().NotContain("cleanup.policy=compact");
        var retentionMs = topics["ais.raw"].Configs.Single(c => c.StartsWith("retention.ms=", StringComparison.Ordinal))["retention.ms=".Length..];
        TimeSpan.FromMilliseconds(double.Parse(retentionMs, System.Globalization.CultureInfo.InvariantCulture))
            .Should().BeGreaterThan(TimeSpan.FromHours(new EDTF.Streaming.Kafka.KafkaOptions().StateRebuildHours), "a restart replays that window of ais.raw (ADR 0002)");
        var env = Services.Map("edtf").Map("environment");
        topics.Keys.Should().Contain([env.Str("EDTF__Kafka__InputTopic"), env.Str("EDTF__Kafka__AlertsTopic"), env.Str("EDTF__Kafka__DlqTopic"), env.Str("EDTF__Kafka__LeaseTopic"), env.Str("EDTF__Kafka__WatchlistTopic")]);
    }

    [Fact]
    public void Prometheus_ScrapesTheEdtfServiceOnItsMetricsPort()
    {
        var target = DeployFiles.LoadSingle("prometheus/prometheus.yml").Seq("scrape_configs").Cast<YamlMappingNode>()
            .Single(j => j.Str("job_name") == "edtf").Seq("static_configs").Cast<YamlMappingNode>().Single().Seq("targets").Single().Str();
        var port = Services.Map("edtf").Map("environment").Str("EDTF__Service__MetricsPort");

        target.Should().Be("edtf:" + port);
        Services.Map("prometheus").Seq("volumes").Select(v => v.Str())
            .Should().Contain("../prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro")
            .And.Contain("../prometheus/rules.yml:/etc/prometheus/rules.yml:ro");
    }

    [Fact]
    public void Grafana_ProvisioningPointsAtTheMountedDashboardsAndPrometheus()
    {
        var mounts = Services.Map("grafana").Seq("volumes").Select(v => v.Str().Split(':')).ToDictionary(p => p[0], p => p[1]);
        var provider = DeployFiles.LoadSingle("grafana/provisioning/dashboards/edtf.yml").Seq("providers").Cast<YamlMappingNode>().Single();
        var datasource = DeployFiles.LoadSingle("grafana/provisioning/datasources/prometheus.yml").Seq("datasources").Cast<YamlMappingNode>().Single();

        mounts["../grafana/dashboards"].Should().Be(provider.Map("options").Str("path"));
        mounts["../grafana/provisioning/datasources"].Should().Be("/etc/grafana/provisioning/datasources");
        mounts["../grafana/provisioning/dashboards"].Should().Be("/etc/grafana/provisioning/dashboards");
        var url = new Uri(datasource.Str("url"));
        Services.Get(url.Host).Should().NotBeNull();
        Services.Map(url.Host).Seq("ports").Select(p => p.Str()).Should().Contain(url.Port + ":" + url.Port);
    }

    /// <summary>The topics the topic-init job creates, parsed from its kafka-topics.sh lines.</summary>
    internal static Dictionary<string, (int Partitions, List<string> Configs)> CreatedTopics()
    {
        var script = string.Join('\n', Services.Map("topic-init").Seq("command").Select(c => c.Str())).Replace("\\\n", " ", StringComparison.Ordinal);
        var topics = new Dictionary<string, (int, List<string>)>();
        foreach (var line in script.Split('\n').Where(l => l.Contains("--create", StringComparison.Ordinal)))
        {
            var topic = TopicArg().Match(line).Groups[1].Value;
            var partitions = int.Parse(PartitionsArg().Match(line).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            var configs = ConfigArg().Matches(line).Select(m => m.Groups[1].Value).ToList();
            topics.Add(topic, (partitions, configs));
        }

        return topics;
    }

    private static IEnumerable<(string Name, YamlMappingNode Service)> ServiceList() =>
        Services.Children.Select(kv => (kv.Key.Str(), (YamlMappingNode)kv.Value));

    [GeneratedRegex(@"--topic\s+(\S+)")]
    private static partial Regex TopicArg();

    [GeneratedRegex(@"--partitions\s+(\d+)")]
    private static partial Regex PartitionsArg();

    [GeneratedRegex(@"--config\s+(\S+)")]
    private static partial Regex ConfigArg();
}
