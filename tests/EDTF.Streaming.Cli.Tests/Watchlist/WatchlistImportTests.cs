using EDTF.Streaming.Cli.Watchlists;
using EDTF.Streaming.Detection;
using EDTF.Streaming.Tests;

namespace EDTF.Streaming.Cli.Tests.Watchlists;

public sealed class WatchlistImportTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("edtf-watchlist-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Fixture(string name) => TestPaths.InRepo(Path.Combine("tests", "data", "watchlists", name));

    [Theory]
    [InlineData("sdn.csv", "OfacSdn")]
    [InlineData("alt.csv", "OfacAlt")]
    [InlineData("add.csv", "OfacAdd")]
    [InlineData("un-consolidated-1718.xml", "UnConsolidatedXml")]
    public void Detect_FixtureInPublishedLayout_KnowsItsKind(string file, string kind)
    {
        WatchlistImport.Detect(Fixture(file)).ToString().Should().Be(kind);
    }

    [Fact]
    public void Detect_ProjectCsv_IsProjectCsv()
    {
        WatchlistImport.Detect(TestPaths.InRepo("config/watchlist.csv")).Should().Be(WatchlistFileKind.ProjectCsv);
    }

    [Fact]
    public async Task Import_OfacFiles_KeepsDprkVesselsWithAliasesAndReportsRejects()
    {
        var output = Path.Combine(_dir, "list.csv");

        var result = await Cli.RunAsync("watchlist", "import", "--input", Fixture("sdn.csv"), Fixture("alt.csv"), Fixture("add.csv"), "--output", output);

        result.ExitCode.Should().Be(0, result.Error);
        var list = Detection.Watchlist.Load(output);
        list.Entries.Select(e => e.Name).Should().Equal("FIXTURE DPRK TANKER", "FIXTURE MMSI ONLY");
        var tanker = list.ByImo(9187629).Should().ContainSingle().Subject;
        tanker.Mmsi.Should().Be(572469210);
        tanker.Program.Should().Be("DPRK3");
        tanker.Source.Should().Be("OFAC SDN");
        list.ByMmsi(671234500).Should().ContainSingle().Which.Program.Should().Be("DPRK-NKSPEA");
        list.ContainsImo(9074729).Should().BeFalse("the SDGT/IRAN tanker is not in the DPRK programmes");
        list.ContainsImo(9191774).Should().BeFalse("its IMO check digit fails");
        var lines = File.ReadAllLines(output);
        lines[0].Should().Be(WatchlistImport.Header);
        lines[1].Should().Be("9187629,572469210,FIXTURE DPRK TANKER,DPRK3,OFAC SDN,FIXTURE TANKER ONE; OLD FIXTURE NAME,\"Korea, North\",,OFAC-SDN:36001");
        result.Error.Should().Contain("sdn.csv: OFAC sdn.csv, 5 rows, 4 vessels")
            .And.Contain("alt.csv: OFAC alt.csv, 2 aliases")
            .And.Contain("add.csv: OFAC add.csv, 1 addresses")
            .And.Contain("read 4 vessel entries, kept 2, rejected 2 (IMO check digit fails=1, programme not selected=1)")
            .And.Contain("rejected: IMO check digit fails: OFAC-SDN:36004 FIXTURE BAD IMO: IMO 9191774");
    }

    [Fact]
    public async Task Import_UnConsolidatedXml_KeepsThe1718VesselsWithListingDate()
    {
        var output = Path.Combine(_dir, "list.csv");

        var result = await Cli.RunAsync("watchlist", "import", "--input", Fixture("un-consolidated-1718.xml"), "--output", output);

        result.ExitCode.Should().Be(0, result.Error);
        var list = Detection.Watchlist.Load(output);
        list.Entries.Select(e => (e.Imo, e.Name, e.Program)).Should().Equal((9191773, "BILLIONS NO.18", "UN-DPRK"), (7389704, "RYE SONG GANG 1", "UN-DPRK"));
        var lines = File.ReadAllLines(output);
        lines[1].Should().Be("9191773,,BILLIONS NO.18,UN-DPRK,UN SC consolidated list,FIXTURE ALIAS 18,,2017-12-28,UN:KPe.F01");
        lines[2].Should().Be("7389704,,RYE SONG GANG 1,UN-DPRK,UN SC consolidated list,,Democratic People's Republic of Korea,2017-12-28,UN:KPe.F02");
        result.Error.Should().Contain("3 entities, 2 vessels").And.Contain("kept 2, rejected 0");
    }

    [Fact]
    public async Task Import_AllSourcesWithProjectCsv_RoundTripsThroughWatchlistLoad()
    {
        var output = Path.Combine(_dir, "list.csv");
        var project = Detection.Watchlist.Load(TestPaths.InRepo("config/watchlist.csv"));

        var result = await Cli.RunAsync("watchlist", "import", "--input", Fixture("sdn.csv"), Fixture("un-consolidated-1718.xml"), TestPaths.InRepo("config/watchlist.csv"), "--output", output);

        result.ExitCode.Should().Be(0, result.Error);
        var list = Detection.Watchlist.Load(output);
        list.Entries.Should().HaveCount(2 + 2 + project.Entries.Count, "the project's own entries are kept whatever their programme");
        list.Entries.Should().OnlyContain(e => e.ImoCheckDigitValid);
        list.Entries.TakeLast(project.Entries.Count).Should().Equal(project.Entries);
    }

    [Fact]
    public async Task Import_ProgramsAll_KeepsTheNonDprkVessel()
    {
        var output = Path.Combine(_dir, "list.csv");

        var result = await Cli.RunAsync("watchlist", "import", "--input", Fixture("sdn.csv"), "--programs", "*", "--output", output);

        result.ExitCode.Should().Be(0, result.Error);
        Detection.Watchlist.Load(output).ByImo(9074729).Should().ContainSingle().Which.Program.Should().Be("SDGT;IRAN");
    }

    [Fact]
    public async Task Import_ProgramsIran_KeepsOnlyThatProgramme()
    {
        var output = Path.Combine(_dir, "list.csv");

        var result = await Cli.RunAsync("watchlist", "import", "--input", Fixture("sdn.csv"), "--programs", "iran", "--output", output);

        result.ExitCode.Should().Be(0, result.Error);
        Detection.Watchlist.Load(output).Entries.Should().ContainSingle().Which.Imo.Should().Be(9074729);
    }

    [Fact]
    public async Task Import_UnknownLayout_Exit1NamingTheFile()
    {
        var bad = Path.Combine(_dir, "notes.txt");
        await File.WriteAllTextAsync(bad, "hello, world\n");

        var result = await Cli.RunAsync("watchlist", "import", "--input", bad, "--output", Path.Combine(_dir, "list.csv"));

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain(bad).And.Contain("not a known watch-list layout");
    }

    [Fact]
    public async Task Help_Import_ListsEveryOptionWithItsDefault()
    {
        var result = await Cli.RunAsync("watchlist", "import", "--help");

        result.ExitCode.Should().Be(0);
        result.Output.Should().Contain("--input").And.Contain("--output").And.Contain("[default: -]")
            .And.Contain("--programs").And.Contain("[default: DPRK,DPRK2,DPRK3,DPRK4,DPRK-NKSPEA,UN-DPRK]")
            .And.Contain("IMO number fails its check digit");
    }
}
