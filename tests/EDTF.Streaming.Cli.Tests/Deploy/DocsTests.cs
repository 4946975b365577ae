using System.Text.Json;
using System.Text.RegularExpressions;
using EDTF.Streaming.Tests;
using YamlDotNet.RepresentationModel;

namespace EDTF.Streaming.Cli.Tests.Deploy;

public sealed partial class DocsTests
{
    [Fact]
    public void ConfigurationDoc_ListsEveryAgreedKey()
    {
        var documented = DocumentedKeys();

        documented.Should().Contain(ConfigKeys.Known);
    }

    [Fact]
    public void ConfigurationDoc_ListsEveryKeyTheDeploymentSets()
    {
        var documented = DocumentedKeys();
        var compose = DeployFiles.LoadSingle("compose/docker-compose.yml").Map("services").Map("edtf").Map("environment").ScalarPairs().Select(kv => kv.Key);
        var configMap = DeployFiles.K8sObject("ConfigMap", "edtf-config").Map("data").ScalarPairs().Select(kv => kv.Key);
        var podEnv = DeployFiles.K8sObject("Deployment", "edtf").Map("spec").Map("template").Map("spec").Seq("containers")
            .Cast<YamlMappingNode>().Single().Seq("env").Cast<YamlMappingNode>().Select(e => e.Str("name"));

        var names = compose.Concat(configMap).Concat(podEnv).ToList();
        foreach (var variable in names.Where(ConfigKeys.RuntimeVariables.Contains).Distinct())
        {
            File.ReadAllText(TestPaths.InRepo("docs/configuration.md")).Should().Contain("`" + variable + "`", "docs/configuration.md should explain the runtime variable {0}", variable);
        }

        foreach (var key in names.Where(n => !ConfigKeys.RuntimeVariables.Contains(n)).Select(n => ConfigKeys.FromEnvironmentName(n)!).Distinct())
        {
            var covered = documented.Contains(key)
                || documented.Any(d => d.EndsWith(":<property>", StringComparison.Ordinal) && key.StartsWith(d[..^"<property>".Length], StringComparison.Ordinal));
            covered.Should().BeTrue("docs/configuration.md should list {0}", key);
        }
    }

    [Fact]
    public void DeployReadme_LinksTheAdrAndTheConfigurationDoc()
    {
        var readme = File.ReadAllText(DeployFiles.Path("README.md"));

        foreach (Match link in MarkdownLink().Matches(readme))
        {
            var target = link.Groups[1].Value;
            File.Exists(Path.GetFullPath(Path.Combine(DeployFiles.DeployDir, target))).Should().BeTrue("deploy/README.md links {0}", target);
        }

        readme.Should().Contain("../docs/adr/0001-architecture.md").And.Contain("../docs/configuration.md");
    }

    [Fact]
    public void AlertSchema_ShipsBesideEdtf_SameFileAsInDocs()
    {
        var shipped = Path.Combine(AppContext.BaseDirectory, "contract", "alert.schema.json");

        File.Exists(shipped).Should().BeTrue("the build copies docs/alert.schema.json to contract/ beside edtf, as config/ is");
        File.ReadAllText(shipped).Should().Be(File.ReadAllText(TestPaths.InRepo("docs/alert.schema.json")));
    }

    [Fact]
    public void AlertsDoc_NamesEveryFieldOfTheSchema()
    {
        var doc = File.ReadAllText(TestPaths.InRepo("docs/alerts.md"));
        using var schema = JsonDocument.Parse(File.ReadAllText(TestPaths.InRepo("docs/alert.schema.json")));

        foreach (var field in schema.RootElement.GetProperty("properties").EnumerateObject().Select(p => p.Name))
        {
            doc.Should().Contain("`" + field + "`", "docs/alerts.md is the contract the schema encodes, so it explains {0}", field);
        }
    }

    [Fact]
    public void ReadmeAndDocs_LinkOnlyFilesInTheRepository()
    {
        var docs = Directory.GetFiles(TestPaths.InRepo("docs"), "*.md", SearchOption.AllDirectories).Append(TestPaths.InRepo("README.md"));

        foreach (var doc in docs)
        {
            var text = File.ReadAllText(doc);
            text.Should().NotContain("../shared", "{0} must stand alone: the project's own docs are the reference", doc);
            foreach (Match link in MarkdownLink().Matches(text))
            {
                var target = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(doc)!, link.Groups[1].Value));
                File.Exists(target).Should().BeTrue("{0} links {1}", doc, link.Groups[1].Value);
                Path.GetRelativePath(TestPaths.RepositoryRoot, target).Should().NotStartWith("..", "{0} links {1}", doc, link.Groups[1].Value);
            }
        }
    }

    private static HashSet<string> DocumentedKeys()
    {
        var text = File.ReadAllText(TestPaths.InRepo("docs/configuration.md"));
        return TableKey().Matches(text).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
    }

    [GeneratedRegex(@"^\| `([A-Za-z]+(?::[A-Za-z.<>]+)+)` \|", RegexOptions.Multiline)]
    private static partial Regex TableKey();

    [GeneratedRegex(@"\]\(([^)#]+\.md)\)")]
    private static partial Regex MarkdownLink();
}
