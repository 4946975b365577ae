using EDTF.Streaming.Tests;

namespace EDTF.Streaming.Kafka.Tests.Clients;

public sealed class ClientConstructionTests
{
    private static readonly string[] Builders = ["new ConsumerBuilder<", "new ProducerBuilder<", "new AdminClientBuilder(", "SetLogHandler((_, _) => { })"];

    [Fact]
    public void Sources_EveryKafkaClient_BuiltThroughKafkaClients()
    {
        var offenders = Directory.EnumerateFiles(TestPaths.InRepo("src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => Path.GetFileName(f) != "KafkaClients.cs")
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: f, Line: i + 1, Text: line)))
            .Where(l => Builders.Any(b => l.Text.Contains(b, StringComparison.Ordinal)))
            .Select(l => $"{Path.GetRelativePath(TestPaths.RepositoryRoot, l.File)}:{l.Line}")
            .ToList();

        offenders.Should().BeEmpty("a client built elsewhere could miss the Kafka:Client security settings or drop librdkafka's log");
    }
}
