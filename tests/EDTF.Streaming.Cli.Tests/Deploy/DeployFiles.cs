using EDTF.Streaming.Tests;
using YamlDotNet.RepresentationModel;

namespace EDTF.Streaming.Cli.Tests.Deploy;

/// <summary>Reads the files under deploy/ and walks their YAML.</summary>
internal static class DeployFiles
{
    public static string DeployDir => TestPaths.InRepo("deploy");

    public static string Path(string relative) => System.IO.Path.Combine(DeployDir, relative);

    public static IEnumerable<string> AllYaml() =>
        Directory.EnumerateFiles(DeployDir, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yml", StringComparison.Ordinal) || f.EndsWith(".yaml", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    /// <summary>Every document of a YAML file (throws on a syntax error).</summary>
    public static IReadOnlyList<YamlNode> LoadDocuments(string path)
    {
        using var reader = new StreamReader(path);
        var stream = new YamlStream();
        stream.Load(reader);
        return stream.Documents.Select(d => d.RootNode).ToList();
    }

    public static YamlMappingNode LoadSingle(string relative)
    {
        var docs = LoadDocuments(Path(relative));
        docs.Should().ContainSingle(because: relative + " holds one document");
        return (YamlMappingNode)docs[0];
    }

    /// <summary>All Kubernetes objects of the kustomization, in order.</summary>
    public static IReadOnlyList<YamlMappingNode> K8sObjects()
    {
        var kustomization = LoadSingle("k8s/kustomization.yaml");
        return kustomization.Seq("resources")
            .SelectMany(r => LoadDocuments(Path(System.IO.Path.Combine("k8s", r.Str()))))
            .Cast<YamlMappingNode>()
            .ToList();
    }

    public static YamlMappingNode K8sObject(string kind, string name) =>
        K8sObjects().Single(o => o.Str("kind") == kind && o.Map("metadata").Str("name") == name);
}

/// <summary>Terse navigation over YamlDotNet's representation model.</summary>
internal static class YamlNav
{
    public static YamlNode? Get(this YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    public static YamlMappingNode Map(this YamlMappingNode map, string key) =>
        map.Get(key) as YamlMappingNode ?? throw new KeyNotFoundException("mapping '" + key + "' missing");

    public static YamlSequenceNode Seq(this YamlMappingNode map, string key) =>
        map.Get(key) as YamlSequenceNode ?? throw new KeyNotFoundException("sequence '" + key + "' missing");

    public static string Str(this YamlMappingNode map, string key) =>
        (map.Get(key) as YamlScalarNode)?.Value ?? throw new KeyNotFoundException("scalar '" + key + "' missing");

    public static string? StrOrNull(this YamlMappingNode map, string key) => (map.Get(key) as YamlScalarNode)?.Value;

    public static string Str(this YamlNode node) => ((YamlScalarNode)node).Value ?? string.Empty;

    /// <summary>Key/value pairs of a mapping whose values are scalars.</summary>
    public static IEnumerable<KeyValuePair<string, string>> ScalarPairs(this YamlMappingNode map) =>
        map.Children.Select(kv => new KeyValuePair<string, string>(kv.Key.Str(), (kv.Value as YamlScalarNode)?.Value ?? string.Empty));

    /// <summary>Every scalar in a subtree, depth first.</summary>
    public static IEnumerable<string> AllScalars(this YamlNode node) => node switch
    {
        YamlScalarNode s => [s.Value ?? string.Empty],
        YamlSequenceNode seq => seq.Children.SelectMany(AllScalars),
        YamlMappingNode map => map.Children.SelectMany(kv => AllScalars(kv.Key).Concat(AllScalars(kv.Value))),
        _ => [],
    };
}
