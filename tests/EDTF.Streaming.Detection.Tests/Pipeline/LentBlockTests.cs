using EDTF.Streaming.Ais;
using EDTF.Streaming.Detection.Pipeline;
using static EDTF.Streaming.Detection.Tests.Support.Some;

namespace EDTF.Streaming.Detection.Tests.Pipeline;

/// <summary>The file driver lends blocks of prepared observations to the pipeline instead of adding reports one by one.</summary>
public class LentBlockTests
{
    private static readonly Lazy<PortAreas> Ports = new(() => PortAreas.Load(EDTF.Streaming.Tests.TestPaths.InRepo("config/ports.geojson")));

    [Theory]
    [InlineData(60, 1)]
    [InlineData(60, 7)]
    [InlineData(0, 4096)]
    [InlineData(10, 333)]
    public void AddBlock_SameReports_SameAlertsAsAddOneByOne(int latenessMinutes, int blockSize)
    {
        var reports = Scenario();

        var oneByOne = new List<string>();
        var p1 = new DetectionPipeline(Options(latenessMinutes), Watchlist.Empty, Ports.Value, a => oneByOne.Add(AlertJson.Serialize(a)));
        foreach (var r in reports)
        {
            p1.Add(r, "scenario.nmea", r.Line);
        }

        p1.Complete();

        var lent = new List<string>();
        var p2 = new DetectionPipeline(Options(latenessMinutes), Watchlist.Empty, Ports.Value, a => lent.Add(AlertJson.Serialize(a)));
        var returned = 0;
        var blocks = 0;
        foreach (var chunk in reports.Chunk(blockSize))
        {
            var items = new Observation[blockSize];
            var count = 0;
            foreach (var r in chunk)
            {
                Observation.TryCreate(r, "scenario.nmea", r.Line, out items[count++]).Should().BeTrue();
            }

            blocks++;
            p2.AddBlock(items, count, partition: 0, () => returned++);
        }

        p2.Complete();

        oneByOne.Should().NotBeEmpty();
        lent.Should().Equal(oneByOne);
        returned.Should().Be(blocks, "every lent block goes back once all its reports were released");
        p2.Statistics.ReportsIn.Should().Be(p1.Statistics.ReportsIn);
        p2.Statistics.BufferedReports.Should().Be(0);
    }

    [Fact]
    public void AddBlock_ReportsWaitingForWatermark_BlockNotReturnedUntilReleased()
    {
        var p = new DetectionPipeline(Options(latenessMinutes: 30), Watchlist.Empty, PortAreas.Empty, _ => { });
        var first = Block(Position(OtherMmsi, T0, 40, 130), Position(ThirdMmsi, T0 + Minutes(1), 40, 130));
        var firstBack = false;
        p.AddBlock(first, 2, 0, () => firstBack = true);

        firstBack.Should().BeFalse("both reports wait until the watermark (newest - 30 min) passes them");
        p.Statistics.BufferedReports.Should().Be(2);

        var second = Block(Position(OtherMmsi, T0 + Minutes(30) + 30_000, 40, 130));
        var secondBack = false;
        p.AddBlock(second, 1, 0, () => secondBack = true);

        firstBack.Should().BeFalse("the watermark is T0+30 s: the report at T0+1 min is still held");
        p.Statistics.BufferedReports.Should().Be(2);
        p.AddBlock(Block(Position(OtherMmsi, T0 + Minutes(32), 40, 130)), 1, 0, () => { });
        firstBack.Should().BeTrue();
        secondBack.Should().BeFalse();

        p.Complete();
        secondBack.Should().BeTrue();
    }

    [Fact]
    public void AddBlock_OnlyLateAndUselessReports_ReturnedAtOnce()
    {
        var p = new DetectionPipeline(Options(latenessMinutes: 0), Watchlist.Empty, PortAreas.Empty, _ => { });
        p.AddBlock(Block(Position(OtherMmsi, T0 + Hours(1), 40, 130)), 1, 0, () => { });
        var back = false;

        p.AddBlock(Block(Position(ThirdMmsi, T0, 40, 130)), 1, 0, () => back = true);

        back.Should().BeTrue("a late report is handled at once and nothing of the block is held");
        p.Statistics.LateReports.Should().Be(1);
    }

    [Fact]
    public void Observation_IsCompact_64Bytes()
    {
        // Every buffered report is one; with a 60-minute lateness a busy feed holds millions of them.
        System.Runtime.CompilerServices.Unsafe.SizeOf<Observation>().Should().Be(64);
    }

    [Theory]
    [InlineData(445_123_456, true)]
    [InlineData(999_999_999, false)]
    [InlineData(1_073_741_823, true)]
    public void Observation_KeepsThirtyBitMmsiAndPositionFlag(int mmsi, bool position)
    {
        var report = position ? Position(mmsi, T0, 40, 130) : new AisReport { MessageType = 5, Mmsi = mmsi, EventTimeMs = T0, Name = "X" };

        Observation.TryCreate(report, "f", 1, out var o).Should().BeTrue();

        o.Mmsi.Should().Be(mmsi);
        o.IsPosition.Should().Be(position);
        o.Source.File.Should().Be("f");
        o.Source.Line.Should().Be(1);
    }

    private static DetectionOptions Options(int latenessMinutes) => new() { AllowedLatenessMinutes = latenessMinutes, Scope = "all" };

    private static Observation[] Block(params AisReport[] reports)
    {
        var items = new Observation[reports.Length];
        for (var i = 0; i < reports.Length; i++)
        {
            Observation.TryCreate(reports[i], "f.nmea", i + 1, out items[i]).Should().BeTrue();
        }

        return items;
    }

    /// <summary>Dark periods, a transfer and a port call, arriving slightly out of order.</summary>
    private static List<AisReport> Scenario()
    {
        var tracks = new List<IEnumerable<AisReport>>();
        for (var i = 0; i < 4; i++)
        {
            tracks.Add(Support.Harness.Reports(DprkMmsi + i, T0, T0 + Hours(1 + i), 39 + (i * 0.01), 124.5, everyMinutes: 3));
            tracks.Add(Support.Harness.Reports(DprkMmsi + i, T0 + Hours(4 + i), T0 + Hours(12), 39 + (i * 0.01), 124.6, everyMinutes: 3));
        }

        tracks.Add(Support.Harness.Reports(DprkMmsi + 10, T0 + Hours(2), T0 + Hours(5), 40.5, 133.5, sog: 0.4, everyMinutes: 3));
        tracks.Add(Support.Harness.Reports(OtherMmsi + 20, T0 + Hours(2) + Minutes(1), T0 + Hours(5), 40.5018, 133.5, sog: 0.6, everyMinutes: 3));
        tracks.Add(Support.Harness.Reports(DprkMmsi + 11, T0, T0 + Hours(1), 42.55, 133.05, sog: 8, everyMinutes: 5));
        tracks.Add(Support.Harness.Reports(DprkMmsi + 11, T0 + Hours(1.1), T0 + Hours(8), 42.76, 133.05, sog: 0.05, everyMinutes: 5));
        tracks.Add(Support.Harness.Reports(DprkMmsi + 11, T0 + Hours(8.2), T0 + Hours(12), 42.55, 133.05, sog: 8, everyMinutes: 5));

        // Swap neighbours every so often: out of order by a few minutes, within every lateness tested except 0.
        var merged = Support.Harness.Merge([.. tracks]).ToList();
        for (var i = 0; i + 1 < merged.Count; i += 11)
        {
            (merged[i], merged[i + 1]) = (merged[i + 1], merged[i]);
        }

        return merged.Select((r, i) => r with { Line = i + 1 }).ToList();
    }
}
