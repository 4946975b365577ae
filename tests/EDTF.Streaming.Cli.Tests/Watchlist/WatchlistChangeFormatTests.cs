using System.Text;
using EDTF.Streaming.Cli.Watchlists;
using EDTF.Streaming.Detection;
using EDTF.Streaming.Kafka;
using EDTF.Streaming.Tests;

namespace EDTF.Streaming.Cli.Tests.Watchlists;

/// <summary>The formats of watch-list changes: the topic's records, the changes file, the publish plan, and the normalised list they come from.</summary>
public sealed class WatchlistChangeFormatTests : IDisposable
{
    private static readonly DateTimeOffset When = new(2024, 3, 2, 2, 0, 0, TimeSpan.Zero);

    private readonly string _dir = Directory.CreateTempSubdirectory("edtf-watchlist-changes-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static WatchlistEntry Entry(string name = "KUM UN SAN 3") =>
        new(9876543, null, name, "DPRK3", "OFAC SDN") { EntryId = "OFAC-SDN:99001", Aliases = ["KUMUNSAN 3"] };

    [Fact]
    public void ReadChange_AddLine_EntryWithAliasesAndEffectiveTime()
    {
        var change = WatchlistJson.ReadChange("""{"time": "2024-03-02T02:00:00Z", "op": "add", "entry": {"entryId": "OFAC-SDN:99001", "imo": 9876543, "name": "KUM UN SAN 3", "aliases": ["KUMUNSAN 3"], "program": "DPRK3"}}""");

        change.EntryId.Should().Be("OFAC-SDN:99001");
        change.EffectiveMs.Should().Be(When.ToUnixTimeMilliseconds());
        change.Entry!.Imo.Should().Be(9876543);
        change.Entry.Aliases.Should().Equal("KUMUNSAN 3");
    }

    [Fact]
    public void ReadChange_TopicShapeWithNullValue_Removal()
    {
        var change = WatchlistJson.ReadChange("""{"time": "2024-03-02T02:00:00Z", "key": "UN:KPe.072", "value": null}""");

        change.Should().Be(new WatchlistChange("UN:KPe.072", null, When.ToUnixTimeMilliseconds()));
        change.IsRemoval.Should().BeTrue();
    }

    [Theory]
    [InlineData("""{"time": "2024-03-02T02:00:00Z", "op": "rename", "entry": {"entryId": "X", "imo": 9876543}}""")]
    [InlineData("""{"op": "add", "entry": {"entryId": "X", "imo": 9876543}}""")]
    [InlineData("""{"time": "2024-03-02T02:00:00Z", "op": "add", "entry": {"entryId": "X", "name": "NO NUMBERS"}}""")]
    [InlineData("""not json""")]
    public void ReadChange_NotAChange_FormatException(string line)
    {
        var read = () => WatchlistJson.ReadChange(line);

        read.Should().Throw<FormatException>();
    }

    [Fact]
    public void ToChange_ValueWithEffective_EffectiveOverridesTheRecordTimestamp()
    {
        var value = Encoding.UTF8.GetBytes(WatchlistJson.Write(Entry(), effective: When));

        var change = WatchlistFeed.ToChange("OFAC-SDN:99001", value, timestampMs: 1, _ => { });

        change!.EffectiveMs.Should().Be(When.ToUnixTimeMilliseconds());
        change.Entry.Should().BeEquivalentTo(Entry());
    }

    [Fact]
    public void ToChange_Tombstone_RemovalAtTheRecordTimestamp()
    {
        var change = WatchlistFeed.ToChange("OFAC-SDN:99001", null, timestampMs: 42, _ => { });

        change.Should().Be(new WatchlistChange("OFAC-SDN:99001", null, 42));
    }

    [Theory]
    [InlineData(null, "{}")]
    [InlineData("K", "[1,2]")]
    [InlineData("K", "{\"name\": \"NO NUMBERS\"}")]
    public void ToChange_NotAnEntry_RejectedWithAReason(string? key, string value)
    {
        var reasons = new List<string>();

        var change = WatchlistFeed.ToChange(key, Encoding.UTF8.GetBytes(value), 1, reasons.Add);

        change.Should().BeNull();
        reasons.Should().ContainSingle();
    }

    [Fact]
    public void Of_TopicAgainstList_AddsChangesAndTombstonesWhatIsGone()
    {
        var current = new Dictionary<string, string>
        {
            ["A"] = WatchlistJson.Write(Entry() with { EntryId = "A" }, effective: When),
            ["B"] = WatchlistJson.Write(Entry() with { EntryId = "B" }),
            ["GONE"] = WatchlistJson.Write(Entry() with { EntryId = "GONE" }),
        };
        (string, string)[] desired =
        [
            ("A", WatchlistJson.Write(Entry() with { EntryId = "A" }, effective: When.AddDays(1))),
            ("B", WatchlistJson.Write(Entry("NEW NAME") with { EntryId = "B" })),
            ("NEW", WatchlistJson.Write(Entry() with { EntryId = "NEW" })),
        ];

        var plan = WatchlistPublishPlan.Of(desired, current);

        plan.Unchanged.Should().Be(1, "a different effective time alone is no change");
        plan.Changed.Should().Equal("B");
        plan.Added.Should().Equal("NEW");
        plan.Removed.Should().Equal("GONE");
        plan.Writes.Select(w => (w.Key, w.Value is null)).Should().Equal(("B", false), ("NEW", false), ("GONE", true));
    }

    [Fact]
    public async Task Read_ImportOutput_EntryIdsAliasesAndFlagReachTheTopicValue()
    {
        var list = Path.Combine(_dir, "list.csv");
        var fixtures = TestPaths.InRepo(Path.Combine("tests", "data", "watchlists"));
        (await Cli.RunAsync("watchlist", "import", "--input", Path.Combine(fixtures, "sdn.csv"), Path.Combine(fixtures, "alt.csv"), "--output", list)).ExitCode.Should().Be(0);

        var values = NormalisedList.Read(list, When);

        var imported = Detection.Watchlist.Load(list).Entries;
        values.Select(v => v.Key).Should().Equal(imported.Select(e => e.EntryId)).And.OnlyContain(k => k.StartsWith("OFAC-SDN:", StringComparison.Ordinal));
        imported.Should().Contain(e => e.Aliases.Count > 0, "alt.csv aliases are read back from the normalised list");
        var first = WatchlistFeed.ToChange(values[0].Key, Encoding.UTF8.GetBytes(values[0].Value), 0, _ => { });
        first!.Entry.Should().BeEquivalentTo(imported[0]);
        first.EffectiveMs.Should().Be(When.ToUnixTimeMilliseconds());
    }

    [Fact]
    public async Task Detect_ChangesFileWithABadLine_ExitCode2NamingTheLine()
    {
        var changes = Path.Combine(_dir, "changes.jsonl");
        await File.WriteAllLinesAsync(changes, ["# listings", """{"time": "2024-03-02T02:00:00Z", "op": "drop", "entry": {"entryId": "X", "imo": 9876543}}"""]);
        var input = Path.Combine(_dir, "empty.nmea");
        await File.WriteAllTextAsync(input, "");

        var result = await Cli.RunAsync("detect", "--input", input, "--watchlist-changes", changes, "--output", Path.Combine(_dir, "alerts.jsonl"));

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("changes.jsonl:2:");
    }
}
