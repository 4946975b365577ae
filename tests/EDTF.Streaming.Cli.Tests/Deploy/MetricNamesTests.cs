using System.Text.Json;
using System.Text.RegularExpressions;
using EDTF.Streaming.Cli.Service;
using YamlDotNet.RepresentationModel;

namespace EDTF.Streaming.Cli.Tests.Deploy;

public sealed class MetricNamesTests
{
    [Fact]
    public void All_ListsEveryConstantOnce()
    {
        var constants = typeof(MetricNames).GetFields()
            .Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToList();

        MetricNames.All.Should().BeEquivalentTo(constants).And.OnlyHaveUniqueItems();
        constants.Should().HaveCount(26);
    }

    [Fact]
    public void All_FollowPrometheusConventions()
    {
        foreach (var name in MetricNames.All)
        {
            name.Should().MatchRegex("^edtf_[a-z0-9_]+$");
        }

        MetricNames.RecordsConsumed.Should().EndWith("_total");
        MetricNames.DecodeRejects.Should().EndWith("_total");
        MetricNames.Alerts.Should().EndWith("_total");
        MetricNames.AlertsProduceErrors.Should().EndWith("_total");
        MetricNames.WatermarkLag.Should().EndWith("_seconds");
        MetricNames.ProcessingLatency.Should().EndWith("_seconds");
        MetricNames.ProcessingStalled.Should().EndWith("_seconds");
    }

    [Fact]
    public void MetricNames_QuantileOverHistogram_FindsOnlyTheBucketSeries()
    {
        var names = PromQl.MetricNames(
            "histogram_quantile(0.99, sum by (le) (rate(edtf_processing_latency_seconds_bucket{instance=~\"$instance\"}[$__rate_interval])))");

        names.Should().BeEquivalentTo(["edtf_processing_latency_seconds_bucket"]);
        PromQl.Resolve("edtf_processing_latency_seconds_bucket").Should().Be(MetricNames.ProcessingLatency);
    }

    [Fact]
    public void MetricNames_MisspelledMetric_IsFoundAndDoesNotResolve()
    {
        var names = PromQl.MetricNames("sum(rate(edtf_record_consumed_total[5m])) / 1e3 > 0 and up == 1");

        names.Should().BeEquivalentTo(["edtf_record_consumed_total", "up"]);
        PromQl.Resolve("edtf_record_consumed_total").Should().BeNull();
        PromQl.Resolve(MetricNames.ProcessingLatency).Should().BeNull("a histogram has no series of its bare name");
    }

    [Fact]
    public void GrafanaDashboard_UsesOnlyKnownMetrics_AndEveryOne()
    {
        var used = DashboardExpressions().SelectMany(PromQl.MetricNames).ToHashSet();

        used.Should().NotBeEmpty();
        foreach (var name in used)
        {
            PromQl.Resolve(name).Should().NotBeNull("the dashboard uses '{0}', which is not in MetricNames", name);
        }

        used.Select(PromQl.Resolve).Should().BeEquivalentTo(PromQl.AllMetrics.Cast<string?>());
    }

    [Fact]
    public void GrafanaDashboard_LatencyPanel_ShowsP50AndP99()
    {
        var exprs = DashboardExpressions().ToList();

        exprs.Should().Contain(e => e.Contains("histogram_quantile(0.5,", StringComparison.Ordinal) && e.Contains(MetricNames.ProcessingLatency + "_bucket", StringComparison.Ordinal));
        exprs.Should().Contain(e => e.Contains("histogram_quantile(0.99,", StringComparison.Ordinal) && e.Contains(MetricNames.ProcessingLatency + "_bucket", StringComparison.Ordinal));
        exprs.Should().Contain(e => e.Contains("by (reason)", StringComparison.Ordinal) && e.Contains(MetricNames.DecodeRejects, StringComparison.Ordinal));
        exprs.Should().Contain(e => e.Contains("by (type, status)", StringComparison.Ordinal) && e.Contains(MetricNames.Alerts, StringComparison.Ordinal));
    }

    [Fact]
    public void GrafanaDashboard_PanelsUseTheProvisionedDatasource()
    {
        var datasource = DeployFiles.LoadSingle("grafana/provisioning/datasources/prometheus.yml").Seq("datasources")
            .Cast<YamlMappingNode>().Single();
        using var doc = JsonDocument.Parse(File.ReadAllText(DeployFiles.Path("grafana/dashboards/edtf.json")));

        foreach (var panel in doc.RootElement.GetProperty("panels").EnumerateArray())
        {
            panel.GetProperty("datasource").GetProperty("uid").GetString().Should().Be(datasource.Str("uid"));
            panel.GetProperty("targets").GetArrayLength().Should().BePositive();
        }
    }

    [Fact]
    public void PrometheusRules_UseOnlyKnownMetrics()
    {
        foreach (var rule in Rules())
        {
            foreach (var name in PromQl.MetricNames(rule.Str("expr")))
            {
                (PromQl.Resolve(name) is not null || PromQl.BuiltIns.Contains(name))
                    .Should().BeTrue("rule {0} uses '{1}', which is not in MetricNames", rule.Str("alert"), name);
            }
        }
    }

    [Fact]
    public void PrometheusRules_CoverLagRejectsProduceErrorsStallsAndInstanceDown()
    {
        var byMetric = Rules().SelectMany(r => PromQl.MetricNames(r.Str("expr"))).Select(n => PromQl.Resolve(n) ?? n).ToHashSet();

        byMetric.Should().Contain([MetricNames.ConsumerLag, MetricNames.WatermarkLag, MetricNames.DecodeRejects, MetricNames.AlertsProduceErrors, MetricNames.ProcessingStalled, "up"]);
        foreach (var rule in Rules())
        {
            rule.Map("labels").Str("severity").Should().BeOneOf("critical", "warning", "info");
            rule.Map("annotations").Str("summary").Should().NotBeNullOrWhiteSpace();
        }
    }

    [Fact]
    public void PrometheusConfig_LoadsTheRulesFileAndScrapesTheMetricsPort()
    {
        var config = DeployFiles.LoadSingle("prometheus/prometheus.yml");
        var ruleFiles = config.Seq("rule_files").Select(n => n.Str()).ToList();
        var edtfJob = config.Seq("scrape_configs").Cast<YamlMappingNode>().Single(j => j.Str("job_name") == "edtf");

        ruleFiles.Should().Equal("rules.yml");
        File.Exists(DeployFiles.Path("prometheus/rules.yml")).Should().BeTrue();
        edtfJob.Str("metrics_path").Should().Be("/metrics");
        edtfJob.Seq("static_configs").Cast<YamlMappingNode>().Single().Seq("targets").Select(t => t.Str()).Should().Equal("edtf:9464");
        Rules().Select(r => r.Str("expr")).Should().Contain(e => e.Contains("job=\"edtf\"", StringComparison.Ordinal));
    }

    private static IEnumerable<YamlMappingNode> Rules() =>
        DeployFiles.LoadSingle("prometheus/rules.yml").Seq("groups").Cast<YamlMappingNode>()
            .SelectMany(g => g.Seq("rules").Cast<YamlMappingNode>());

    private static IEnumerable<string> DashboardExpressions()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(DeployFiles.Path("grafana/dashboards/edtf.json")));
        var exprs = new List<string>();
        foreach (var panel in doc.RootElement.GetProperty("panels").EnumerateArray())
        {
            exprs.AddRange(panel.GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("expr").GetString()!));
        }

        foreach (var variable in doc.RootElement.GetProperty("templating").GetProperty("list").EnumerateArray())
        {
            var m = Regex.Match(variable.GetProperty("definition").GetString()!, @"^label_values\((\w+),\s*\w+\)$");
            m.Success.Should().BeTrue("template variables use label_values(metric, label)");
            exprs.Add(m.Groups[1].Value);
        }

        return exprs;
    }
}
