using YamlDotNet.RepresentationModel;

namespace EDTF.Streaming.Cli.Tests.Deploy;

public sealed class KubernetesTests
{
    private const int MetricsPort = 9464;

    private static YamlMappingNode Deployment => DeployFiles.K8sObject("Deployment", "edtf");

    private static YamlMappingNode PodSpec => Deployment.Map("spec").Map("template").Map("spec");

    private static YamlMappingNode Container => PodSpec.Seq("containers").Cast<YamlMappingNode>().Single();

    [Fact]
    public void Kustomization_ResourcesExistAndAreNamespacedObjects()
    {
        var objects = DeployFiles.K8sObjects();

        objects.Select(o => o.Str("kind")).Should().Contain(["Namespace", "ConfigMap", "Deployment", "Service", "PodDisruptionBudget"]);
        foreach (var o in objects)
        {
            o.Str("apiVersion").Should().NotBeNullOrEmpty();
            var metadata = o.Map("metadata");
            metadata.Str("name").Should().MatchRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
            if (o.Str("kind") != "Namespace")
            {
                metadata.Str("namespace").Should().Be(DeployFiles.LoadSingle("k8s/kustomization.yaml").Str("namespace"));
            }
        }
    }

    [Fact]
    public void Probes_LivenessHealthzReadinessReadyz_OnTheMetricsPort()
    {
        var liveness = Container.Map("livenessProbe").Map("httpGet");
        var readiness = Container.Map("readinessProbe").Map("httpGet");

        liveness.Str("path").Should().Be("/healthz");
        readiness.Str("path").Should().Be("/readyz");
        ContainerPort(liveness.Str("port")).Should().Be(MetricsPort);
        ContainerPort(readiness.Str("port")).Should().Be(MetricsPort);
        if (Container.Get("startupProbe") is YamlMappingNode startup)
        {
            startup.Map("httpGet").Str("path").Should().Be("/healthz");
        }
    }

    [Fact]
    public void Deployment_Replicas_WithinWhatTheTestsProve()
    {
        var replicas = int.Parse(Deployment.Map("spec").Str("replicas"), System.Globalization.CultureInfo.InvariantCulture);

        replicas.Should().BeInRange(1, 12, "the tests prove 1, 2, 3 and 12 instances of one group give the offline alerts (ScaleOutTests, ADR 0004)");
        replicas.Should().BeLessThanOrEqualTo(ComposeTests.CreatedTopics()["ais.raw"].Partitions);
    }

    [Fact]
    public void Deployment_RunsNonRootOnAReadOnlyRootFilesystem()
    {
        var pod = PodSpec.Map("securityContext");
        var container = Container.Map("securityContext");

        pod.Str("runAsNonRoot").Should().Be("true");
        int.Parse(pod.Str("runAsUser"), System.Globalization.CultureInfo.InvariantCulture).Should().BePositive();
        container.Str("readOnlyRootFilesystem").Should().Be("true");
        container.Str("allowPrivilegeEscalation").Should().Be("false");
        container.Map("capabilities").Seq("drop").Select(c => c.Str()).Should().Contain("ALL");
        Container.Seq("volumeMounts").Cast<YamlMappingNode>().Select(m => m.Str("mountPath")).Should().Contain("/tmp");
    }

    [Fact]
    public void Deployment_SetsRequestsAndLimits()
    {
        var resources = Container.Map("resources");

        foreach (var section in new[] { "requests", "limits" })
        {
            resources.Map(section).StrOrNull("cpu").Should().NotBeNullOrEmpty();
            resources.Map(section).StrOrNull("memory").Should().NotBeNullOrEmpty();
        }
    }

    [Fact]
    public void Deployment_ScrapeAnnotationsMatchTheMetricsPort()
    {
        var annotations = Deployment.Map("spec").Map("template").Map("metadata").Map("annotations");

        annotations.Str("prometheus.io/scrape").Should().Be("true");
        annotations.Str("prometheus.io/path").Should().Be("/metrics");
        ContainerPort(annotations.Str("prometheus.io/port")).Should().Be(MetricsPort);
        ConfigMapData("edtf-config")["EDTF__Service__MetricsPort"].Should().Be(MetricsPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        ConfigMapData("edtf-config")["EDTF__Service__MetricsHost"].Should().Be("0.0.0.0", "Prometheus and the kubelet reach the pod IP, not its loopback");
    }

    [Fact]
    public void Deployment_KafkaCredentialsSecret_MountedReadOnlyAndOptional()
    {
        var volume = PodSpec.Seq("volumes").Cast<YamlMappingNode>().Single(v => v.Get("secret") is not null);
        var mount = Container.Seq("volumeMounts").Cast<YamlMappingNode>().Single(m => m.Str("name") == volume.Str("name"));

        volume.Map("secret").Str("optional").Should().Be("true", "a plaintext cluster needs no Secret");
        mount.Str("readOnly").Should().Be("true");
        mount.Str("mountPath").Should().Be("/etc/edtf/kafka", "configmap.yaml's examples read the credentials there");
    }

    [Fact]
    public void ServiceAndPdb_SelectTheDeploymentsPods()
    {
        var podLabels = Deployment.Map("spec").Map("template").Map("metadata").Map("labels").ScalarPairs().ToList();
        var service = DeployFiles.K8sObject("Service", "edtf-metrics").Map("spec");
        var pdb = DeployFiles.K8sObject("PodDisruptionBudget", "edtf").Map("spec");

        podLabels.Should().Contain(service.Map("selector").ScalarPairs());
        podLabels.Should().Contain(pdb.Map("selector").Map("matchLabels").ScalarPairs());
        podLabels.Should().Contain(Deployment.Map("spec").Map("selector").Map("matchLabels").ScalarPairs());
        var port = service.Seq("ports").Cast<YamlMappingNode>().Single();
        ContainerPort(port.Str("targetPort")).Should().Be(MetricsPort);
        port.Str("port").Should().Be(MetricsPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Environment_NamesAreConfigKeys()
    {
        var names = ConfigMapData("edtf-config").Keys
            .Concat(Container.Seq("env").Cast<YamlMappingNode>().Select(e => e.Str("name")))
            .ToList();

        names.Should().Contain("EDTF__Kafka__BootstrapServers");
        foreach (var name in names.Where(n => !ConfigKeys.RuntimeVariables.Contains(n)))
        {
            var key = ConfigKeys.FromEnvironmentName(name);
            key.Should().NotBeNull("{0} lacks the EDTF__ prefix", name);
            ConfigKeys.Problem(key!).Should().BeNull();
        }

        Container.Seq("envFrom").Cast<YamlMappingNode>().Select(e => e.Map("configMapRef").Str("name")).Should().Equal("edtf-config");
    }

    [Fact]
    public void Watchlist_IsMountedWhereTheConfigPointsAndHasTheContractHeader()
    {
        var path = ConfigMapData("edtf-config")["EDTF__Detection__WatchlistPath"];
        var mount = Container.Seq("volumeMounts").Cast<YamlMappingNode>().Single(m => path.StartsWith(m.Str("mountPath") + "/", StringComparison.Ordinal));
        var volume = PodSpec.Seq("volumes").Cast<YamlMappingNode>().Single(v => v.Str("name") == mount.Str("name"));
        var configMap = volume.Map("configMap").Str("name");
        var data = ConfigMapData(configMap);

        data.Should().ContainKey(Path.GetFileName(path));
        data[Path.GetFileName(path)].Split('\n')[0].Should().Be("imo,mmsi,name,program,source");
    }

    private static int ContainerPort(string port) =>
        int.TryParse(port, System.Globalization.CultureInfo.InvariantCulture, out var number)
            ? number
            : int.Parse(
                Container.Seq("ports").Cast<YamlMappingNode>().Single(p => p.Str("name") == port).Str("containerPort"),
                System.Globalization.CultureInfo.InvariantCulture);

    private static Dictionary<string, string> ConfigMapData(string name) =>
        DeployFiles.K8sObject("ConfigMap", name).Map("data").ScalarPairs().ToDictionary(kv => kv.Key, kv => kv.Value);
}
