using EDTF.Streaming.Ais.Formats;
using EDTF.Streaming.Cli.Progress;
using Microsoft.Extensions.Time.Testing;

namespace EDTF.Streaming.Cli.Tests.Progress;

/// <summary>The progress line's figures, its throttling (a fake clock, no sleeping) and the per-file summary.</summary>
public sealed class InputProgressPrinterTests
{
    private static readonly long March1 = new DateTimeOffset(2024, 3, 1, 9, 12, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    [Fact]
    public void Describe_QuarterReadInTenSeconds_ShowsFractionRatesEventTimeAndTimeLeft()
    {
        var now = new ProgressSnapshot(BytesRead: 50_000_000, TotalBytes: 200_000_000, Rows: 2_500_000, EventMs: March1);

        var line = InputProgressPrinter.Describe("detect", now, TimeSpan.FromSeconds(10));

        line.Should().Be("detect: 25.0% of 200.0 MB (50.0 MB) read, 2,500,000 rows, 250,000 rows/s (5.0 MB/s), event time 2024-03-01T09:12:00Z, 0:00:30 left");
    }

    [Fact]
    public void Describe_NothingReadYet_TimeLeftUnknown()
    {
        var line = InputProgressPrinter.Describe("replay", new ProgressSnapshot(0, 7_000_000_000, 0, null), TimeSpan.FromSeconds(2));

        line.Should().Be("replay: 0.0% of 7,000.0 MB (0.0 MB) read, 0 rows, 0 rows/s (0.0 MB/s), event time -, ? left");
    }

    [Fact]
    public void Describe_HoursLeft_WrittenAsHoursMinutesSeconds()
    {
        var line = InputProgressPrinter.Describe("detect", new ProgressSnapshot(1_000_000, 7_201_000_000, 10, null), TimeSpan.FromSeconds(1));

        line.Should().EndWith(", 2:00:00 left");
    }

    [Fact]
    public void Snapshot_SeveralFiles_SumsBytesAndRowsAndTakesTheLatestEventTime()
    {
        var a = new InputProgress("a", 100);
        var b = new InputProgress("b", 300);
        a.Add(100);
        a.AddRows(7);
        a.OnAccepted(March1);
        b.Add(50);
        b.AddRows(3);
        b.OnAccepted(March1 - 1000);

        ProgressSnapshot.Of([a, b]).Should().Be(new ProgressSnapshot(150, 400, 10, March1));
    }

    [Fact]
    public void Printer_FakeClock_OneLinePerIntervalAndNoneBefore()
    {
        var clock = new FakeTimeProvider();
        var file = new InputProgress("day.zip", 1_000_000);
        var output = new StringWriter();
        using var printer = new InputProgressPrinter("detect", () => [file], output, clock, redraw: false);

        file.Add(100_000);
        file.AddRows(1_000);
        clock.Advance(InputProgressPrinter.Interval - TimeSpan.FromMilliseconds(1));
        output.ToString().Should().BeEmpty();

        clock.Advance(TimeSpan.FromMilliseconds(1));
        Lines(output).Should().Equal("detect: 10.0% of 1.0 MB (0.1 MB) read, 1,000 rows, 500 rows/s (0.1 MB/s), event time -, 0:00:18 left");

        file.Add(400_000);
        clock.Advance(InputProgressPrinter.Interval);
        clock.Advance(InputProgressPrinter.Interval);
        Lines(output).Should().HaveCount(3).And.Subject.Last().Should().StartWith("detect: 50.0% of 1.0 MB (0.5 MB) read, 1,000 rows, 167 rows/s");
    }

    [Fact]
    public void Printer_Redraw_RewritesOneLineAndEndsItOnDispose()
    {
        var clock = new FakeTimeProvider();
        var file = new InputProgress("day.csv", 10);
        var output = new StringWriter();
        var printer = new InputProgressPrinter("replay", () => [file], output, clock, redraw: true);

        clock.Advance(InputProgressPrinter.Interval);
        file.Add(10);
        clock.Advance(InputProgressPrinter.Interval);
        output.ToString().Should().NotContain("\n").And.Match("\rreplay: 0.0% *\rreplay: 100.0% *");

        printer.Dispose();
        clock.Advance(InputProgressPrinter.Interval);

        output.ToString().Should().EndWith("left" + Environment.NewLine);
    }

    [Fact]
    public void Printer_AfterDispose_PrintsNothingMore()
    {
        var clock = new FakeTimeProvider();
        var output = new StringWriter();
        var printer = new InputProgressPrinter("detect", () => [], output, clock, redraw: false);

        printer.Dispose();
        clock.Advance(InputProgressPrinter.Interval * 3);

        output.ToString().Should().BeEmpty();
    }

    [Theory]
    [InlineData("auto", false, true, true)]
    [InlineData("auto", false, false, false)]
    [InlineData("always", false, false, true)]
    [InlineData("never", false, true, false)]
    [InlineData("always", true, true, false)]
    public void IsShown_ModeQuietAndTerminal_AsDocumented(string progress, bool quiet, bool terminal, bool shown) =>
        InputProgressPrinter.IsShown(InputProgressPrinter.Mode(progress, quiet), terminal).Should().Be(shown);

    [Fact]
    public void Summary_PerFile_RowsAcceptedFilteredAndRejectsByReason()
    {
        var file = new InputProgress("/data/AIS_2024_03_01.zip", 1000);
        file.AddRows(7_012_345);
        for (var i = 0; i < 5; i++)
        {
            file.OnAccepted(March1);
        }

        file.OnFiltered();
        file.OnRejected("unparseable");
        file.OnRejected("bad_time");
        file.OnRejected("bad_time");

        InputFilesSummary.Describe("detect", file).Should().Be(
            "detect: /data/AIS_2024_03_01.zip: 7,012,345 rows, 5 reports accepted, 1 skipped by filters, 3 rejects (bad_time 2, unparseable 1)");
    }

    [Fact]
    public void Summary_FilesNeverReached_LeftOut()
    {
        var read = new InputProgress("a.csv", 10);
        read.AddRows(1);
        var output = new StringWriter();

        InputFilesSummary.Write(output, "replay", [read, new InputProgress("b.csv", 10)]);

        Lines(output).Should().Equal("replay: a.csv: 1 rows, 0 reports accepted, 0 skipped by filters, 0 rejects");
    }

    private static string[] Lines(StringWriter output) =>
        output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
}
