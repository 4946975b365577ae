using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using EDTF.Streaming.Tests;

namespace EDTF.Streaming.Cli.Tests.Deploy;

public sealed partial class DockerfileTests
{
    private static readonly List<(string Op, string Args)> Instructions = Parse(File.ReadAllText(DeployFiles.Path("docker/Dockerfile")));

    [Fact]
    public void Stages_BuildOnTheSdkAndRunOnAspNet()
    {
        var from = Instructions.Where(i => i.Op == "FROM").Select(i => i.Args).ToList();

        from.Should().HaveCount(2);
        from[0].Should().Be("mcr.microsoft.com/dotnet/sdk:10.0 AS build");
        from[1].Should().StartWith("mcr.microsoft.com/dotnet/aspnet:10.0");
    }

    [Fact]
    public void Publish_TargetsTheCliProjectWhoseAssemblyTheEntrypointRuns()
    {
        var publish = Instructions.Single(i => i.Op == "RUN" && i.Args.Contains("dotnet publish", StringComparison.Ordinal)).Args;
        var project = PublishProject().Match(publish).Groups[1].Value;
        var csproj = Directory.GetFiles(TestPaths.InRepo(project), "*.csproj").Single();
        var assemblyName = XDocument.Load(csproj).Descendants("AssemblyName").Single().Value;

        project.Should().Be("src/EDTF.Streaming.Cli");
        publish.Should().Contain("-c Release");
        JsonSerializer.Deserialize<string[]>(Single("ENTRYPOINT")).Should().Equal("dotnet", assemblyName + ".dll");
        JsonSerializer.Deserialize<string[]>(Single("CMD")).Should().Equal("run");
    }

    [Fact]
    public void Copy_SourcesExistAndAreNotDockerIgnored()
    {
        var ignored = File.ReadAllLines(TestPaths.InRepo(".dockerignore"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.TrimEnd('/'))
            .ToHashSet();
        var sources = Instructions.Where(i => i.Op == "COPY" && !i.Args.StartsWith("--from", StringComparison.Ordinal))
            .SelectMany(i => i.Args.Split(' ', StringSplitOptions.RemoveEmptyEntries).SkipLast(1))
            .ToList();

        sources.Should().Contain("src/EDTF.Streaming.Cli/EDTF.Streaming.Cli.csproj");
        foreach (var source in sources.Where(s => s != "."))
        {
            Path.Exists(TestPaths.InRepo(source)).Should().BeTrue("the Dockerfile copies {0}", source);
            ignored.Where(pattern => IgnoreMatches(pattern, source)).Should().BeEmpty("the Dockerfile copies {0}", source);
        }
    }

    [Fact]
    public void Copy_RestoresEveryProjectTheCliReferences()
    {
        var copied = Instructions.Where(i => i.Op == "COPY").SelectMany(i => i.Args.Split(' ')).Where(a => a.EndsWith(".csproj", StringComparison.Ordinal)).ToHashSet();
        var pending = new Queue<string>(["src/EDTF.Streaming.Cli/EDTF.Streaming.Cli.csproj"]);
        var closure = new HashSet<string>();
        while (pending.TryDequeue(out var project) && closure.Add(project))
        {
            var dir = Path.GetDirectoryName(project)!;
            foreach (var reference in XDocument.Load(TestPaths.InRepo(project)).Descendants("ProjectReference"))
            {
                var path = Path.GetRelativePath(TestPaths.RepositoryRoot, Path.GetFullPath(Path.Combine(TestPaths.InRepo(dir), reference.Attribute("Include")!.Value)));
                pending.Enqueue(path.Replace('\\', '/'));
            }
        }

        closure.Should().HaveCount(6, "the CLI, WebConsole, Kafka, Simulation, Detection and Ais projects");
        copied.Should().BeEquivalentTo(closure);
    }

    [Fact]
    public void Runtime_NonRootExposesMetricsAndChecksHealthz()
    {
        var runtime = Instructions.SkipWhile(i => !(i.Op == "FROM" && i.Args.Contains("aspnet", StringComparison.Ordinal))).ToList();

        new[] { "root", "0", "0:0" }.Should().NotContain(runtime.Single(i => i.Op == "USER").Args);
        runtime.Single(i => i.Op == "EXPOSE").Args.Should().Be("9464 8080", "the service's metrics and the console");
        var health = runtime.Single(i => i.Op == "HEALTHCHECK").Args;
        health.Should().Contain("/healthz").And.Contain("9464");
        runtime.Should().Contain(i => i.Op == "COPY" && i.Args.Contains("--from=build", StringComparison.Ordinal));
        Instructions.Should().Contain(i => i.Op == "RUN" && i.Args.Contains("config/", StringComparison.Ordinal), "config/ ships beside edtf.dll");
    }

    [Fact]
    public void DockerIgnore_ExcludesBuildOutputAndTheSdkPin()
    {
        var lines = File.ReadAllLines(TestPaths.InRepo(".dockerignore"));

        lines.Should().Contain(["**/bin/", "**/obj/", ".git/", "global.json"]);
    }

    [Fact]
    public void IgnoreMatches_PrefixAndAnyDepthPatterns()
    {
        IgnoreMatches("src", "src/EDTF.Streaming.Cli/EDTF.Streaming.Cli.csproj").Should().BeTrue();
        IgnoreMatches("**/obj", "src/EDTF.Streaming.Cli/obj/x.json").Should().BeTrue();
        IgnoreMatches("global.json", "global.json").Should().BeTrue();
        IgnoreMatches("**/bin", "src/EDTF.Streaming.Cli/EDTF.Streaming.Cli.csproj").Should().BeFalse();
        IgnoreMatches("src/EDTF.Streaming.Ai", "src/EDTF.Streaming.Ais/EDTF.Streaming.Ais.csproj").Should().BeFalse();
    }

    /// <summary>Whether a .dockerignore pattern (literal path or <c>**/name</c>) excludes a path; no other wildcards.</summary>
    private static bool IgnoreMatches(string pattern, string path)
    {
        var segments = path.Split('/');
        if (pattern.StartsWith("**/", StringComparison.Ordinal))
        {
            return segments.Contains(pattern[3..]);
        }

        return path == pattern || path.StartsWith(pattern + "/", StringComparison.Ordinal);
    }

    private static string Single(string op) => Instructions.Single(i => i.Op == op).Args;

    /// <summary>Instructions with line continuations joined and comments dropped.</summary>
    private static List<(string Op, string Args)> Parse(string text)
    {
        var joined = Continuation().Replace(text, " ");
        return joined.Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l =>
            {
                var space = l.IndexOf(' ', StringComparison.Ordinal);
                return (l[..space].ToUpperInvariant(), Whitespace().Replace(l[(space + 1)..].Trim(), " "));
            })
            .ToList();
    }

    [GeneratedRegex(@"\\\r?\n(\s*#[^\n]*\n)*")]
    private static partial Regex Continuation();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"dotnet publish (\S+)")]
    private static partial Regex PublishProject();
}
