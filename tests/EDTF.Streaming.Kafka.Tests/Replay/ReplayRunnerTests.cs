using EDTF.Streaming.Ais.Formats;
using EDTF.Streaming.Kafka.Replay;
using Microsoft.Extensions.Time.Testing;

namespace EDTF.Streaming.Kafka.Tests.Replay;

public sealed class ReplayRunnerTests : IDisposable
{
    private static readonly DateTime T0 = new(2023, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private readonly string _folder = Some.TempFolder();

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task RunAsync_TwoCsvFiles_SendsEveryGoodRowAsJsonInEventTimeOrder()
    {
        Some.WriteCsv(_folder, "a.csv", [Some.Row(1, T0), Some.Row(1, T0.AddMinutes(2)), "bad,row"]);
        Some.WriteCsv(_folder, "b.csv", [Some.Row(2, T0.AddMinutes(1)), Some.Row(2, T0.AddMinutes(3))]);
        var (runner, sink) = Create(new ReplayOptions { Inputs = [_folder] });

        var completed = await runner.RunAsync(CancellationToken.None);

        completed.Should().BeTrue();
        sink.Records.Select(r => (r.Mmsi, r.EventTimeMs)).Should().Equal(
            (1, Some.Ms(T0)), (2, Some.Ms(T0.AddMinutes(1))), (1, Some.Ms(T0.AddMinutes(2))), (2, Some.Ms(T0.AddMinutes(3))));
        sink.Records.Should().OnlyContain(r => r.ContentType == AisReportJson.ContentType);
        AisReportJson.Parse(sink.Records[1].Value).Should().Match<Ais.AisReport>(r => r.Mmsi == 2 && r.MessageType == 1 && r.Line == 2);
        runner.Statistics.Sent.Should().Be(4);
        runner.Statistics.Rejected.Should().Be(1);
        runner.Statistics.RejectsByReason().Should().ContainSingle().Which.First.Single().Line.Should().Be(4);
        sink.Flushes.Should().Be(1);
    }

    [Fact]
    public async Task RunAsync_FromTo_CutsExactlyHalfOpen()
    {
        var rows = Enumerable.Range(0, 10).Select(i => Some.Row(7, T0.AddMinutes(i)));
        Some.WriteCsv(_folder, "a.csv", rows);
        var options = new ReplayOptions { Inputs = [_folder], FromMs = Some.Ms(T0.AddMinutes(3)), ToMs = Some.Ms(T0.AddMinutes(7)) };
        var (runner, sink) = Create(options);

        await runner.RunAsync(CancellationToken.None);

        sink.Records.Select(r => r.EventTimeMs).Should().Equal(
            Some.Ms(T0.AddMinutes(3)), Some.Ms(T0.AddMinutes(4)), Some.Ms(T0.AddMinutes(5)), Some.Ms(T0.AddMinutes(6)));
        runner.Statistics.OutsideWindow.Should().Be(6);
    }

    [Fact]
    public async Task RunAsync_Speed60_WaitsForTheClockBetweenRecords()
    {
        Some.WriteCsv(_folder, "a.csv", [Some.Row(7, T0), Some.Row(7, T0.AddMinutes(1))]);
        var clock = new FakeTimeProvider();
        var (runner, sink) = Create(new ReplayOptions { Inputs = [_folder], Speed = 60 }, clock);

        var run = runner.RunAsync(CancellationToken.None);
        await WaitUntil(() => sink.Records.Count == 1);

        run.IsCompleted.Should().BeFalse("the second record is due one wall-clock second later");
        sink.Records.Should().HaveCount(1);
        clock.Advance(TimeSpan.FromSeconds(1));
        (await run.WaitAsync(TimeSpan.FromSeconds(10))).Should().BeTrue();
        sink.Records.Should().HaveCount(2);
    }

    [Fact]
    public async Task RunAsync_CancelledWhileWaiting_StopsAndFlushes()
    {
        Some.WriteCsv(_folder, "a.csv", [Some.Row(7, T0), Some.Row(7, T0.AddHours(1))]);
        var (runner, sink) = Create(new ReplayOptions { Inputs = [_folder], Speed = 1 }, new FakeTimeProvider());
        using var cancel = new CancellationTokenSource();

        var run = runner.RunAsync(cancel.Token);
        await WaitUntil(() => sink.Records.Count == 1);
        await cancel.CancelAsync();

        (await run.WaitAsync(TimeSpan.FromSeconds(10))).Should().BeFalse();
        sink.Records.Should().HaveCount(1);
        sink.Flushes.Should().Be(1);
    }

    private static (ReplayRunner Runner, CollectingSink Sink) Create(ReplayOptions options, TimeProvider? clock = null)
    {
        var sink = new CollectingSink();
        return (new ReplayRunner(options, sink, clock ?? TimeProvider.System, new ReplayStatistics()), sink);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the condition should hold within 10 s");
            await Task.Delay(5);
        }
    }
}
