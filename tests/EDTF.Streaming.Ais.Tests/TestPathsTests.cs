using EDTF.Streaming.Tests;

namespace EDTF.Streaming.Ais.Tests;

/// <summary>Test data comes from the repository and nowhere else.</summary>
public class TestPathsTests
{
    [Fact]
    public void AisData_RealMix_IsAFileInsideTheRepository()
    {
        var path = TestPaths.AisData("real-mix/real-mix.nmea");

        File.Exists(path).Should().BeTrue("the captures the tests read are committed under tests/data");
        path.Should().StartWith(Path.Combine(TestPaths.RepositoryRoot, "tests", "data", "ais") + Path.DirectorySeparatorChar);
    }

    [Theory]
    [InlineData("../shared/data/ais/real-mix/real-mix.nmea")]
    [InlineData("tests/../../shared")]
    [InlineData("..")]
    [InlineData("/etc/hostname")]
    public void InRepo_PathLeavingTheRepository_Throws(string relative)
    {
        var act = () => TestPaths.InRepo(relative);

        act.Should().Throw<ArgumentException>("a test may read only what a fresh clone holds").WithMessage("*outside the repository*");
    }

    [Fact]
    public void AisData_PathClimbingOutOfTheDataFolderAndRepository_Throws()
    {
        var act = () => TestPaths.AisData("../../../../shared/data/ais/gpsd/sample.aivdm");

        act.Should().Throw<ArgumentException>("'..' may not lead a capture back to ../shared");
    }

    [Theory]
    [InlineData("config/appsettings.json")]
    [InlineData("tests/../config/appsettings.json")]
    public void InRepo_PathInsideTheRepository_IsItsFullPath(string relative)
    {
        TestPaths.InRepo(relative).Should().Be(Path.Combine(TestPaths.RepositoryRoot, "config", "appsettings.json"), "'..' that stays inside is fine");
    }

    [Fact]
    public void Inside_SiblingFolderSharingTheRootsPrefix_Throws()
    {
        var act = () => TestPaths.Inside("/work/repo", "../repo-other/file.txt");

        act.Should().Throw<ArgumentException>("/work/repo-other is beside the repository, not in it, though its name starts the same");
    }
}
