namespace EDTF.Streaming.Detection.Tests.Config;

public sealed class DefaultConfigTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "edtf-defaultconfig-" + Guid.NewGuid().ToString("N"));

    public DefaultConfigTests() => Directory.CreateDirectory(_root);

    [Fact]
    public void DirectoryIn_ConfigFolderInside_ReturnsIt()
    {
        var config = Directory.CreateDirectory(Path.Combine(_root, "config")).FullName;

        DefaultConfig.DirectoryIn(_root).Should().Be(config, "config/ beside the executable is the shipped configuration");
    }

    [Fact]
    public void DirectoryIn_ConfigOnlyInParentBesideSolutionFile_ReturnsNull()
    {
        Directory.CreateDirectory(Path.Combine(_root, "config"));
        File.WriteAllText(Path.Combine(_root, "EDTF.Streaming.sln"), string.Empty);
        var bin = Directory.CreateDirectory(Path.Combine(_root, "bin", "Release")).FullName;

        DefaultConfig.DirectoryIn(bin).Should().BeNull("parent folders are never searched, whatever they hold");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
