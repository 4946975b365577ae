using System.Buffers.Binary;
using EDTF.Streaming.Ais;
using EDTF.Streaming.Detection.Snapshots;
using EDTF.Streaming.Detection.Tests.Support;

namespace EDTF.Streaming.Detection.Tests.Pipeline;

/// <summary>The snapshot format: a restored pipeline goes on as the original; another format version, a truncated or damaged stream, or other options give a typed failure.</summary>
public sealed class PipelineSnapshotTests
{
    private static readonly DetectionOptions Options = new() { Scope = "all" };

    [Fact]
    public void Restore_CutWhileDarkAndBuffered_SameAlertsAsUninterrupted()
    {
        var reports = Reports();
        var whole = Feed(reports, cutAt: -1);
        var cut = Feed(reports, cutAt: reports.Count / 2);

        whole.Should().Contain(a => a.Contains("\"status\":\"open\"", StringComparison.Ordinal) && a.Contains("DarkPeriod", StringComparison.Ordinal));
        cut.Should().Equal(whole);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(int.MaxValue)]
    public void Restore_OtherFormatVersion_UnknownFormat(int version)
    {
        var bytes = Snapshot();
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(8), version);

        var failure = Restoring(bytes).Should().Throw<PipelineSnapshotException>().Which;

        failure.Reason.Should().Be(SnapshotFailure.UnknownFormat);
        failure.Message.Should().Contain($"format version {version}").And.Contain($"version {PipelineSnapshot.FormatVersion} only");
    }

    [Fact]
    public void Restore_NotASnapshot_UnknownFormat()
    {
        Restoring("{\"alertId\":\"x\"}"u8.ToArray()).Should().Throw<PipelineSnapshotException>().Which.Reason.Should().Be(SnapshotFailure.UnknownFormat);
        Restoring([]).Should().Throw<PipelineSnapshotException>().Which.Reason.Should().Be(SnapshotFailure.UnknownFormat);
    }

    [Fact]
    public void Restore_Truncated_Corrupt()
    {
        var bytes = Snapshot();
        foreach (var length in new[] { 12, 13, 20, bytes.Length / 3, bytes.Length / 2, bytes.Length - 5, bytes.Length - 1 })
        {
            var failure = Restoring(bytes[..length]).Should().Throw<PipelineSnapshotException>().Which;
            failure.Reason.Should().Be(SnapshotFailure.Corrupt, $"cut at {length} of {bytes.Length}");
            failure.Message.Should().Contain("damaged");
        }
    }

    [Fact]
    public void Restore_AnyByteDamaged_TypedFailureNeverACrash()
    {
        var bytes = Snapshot();
        for (var i = 12; i < bytes.Length; i += Math.Max(1, bytes.Length / 200))
        {
            var damaged = (byte[])bytes.Clone();
            damaged[i] ^= 0x5A;
            Restoring(damaged).Should().Throw<PipelineSnapshotException>($"byte {i} of {bytes.Length} damaged")
                .Which.Reason.Should().BeOneOf(SnapshotFailure.Corrupt, SnapshotFailure.LayoutChanged);
        }
    }

    [Fact]
    public void Restore_OtherOptions_OptionsChanged()
    {
        var other = new DetectionOptions { Scope = "all", AllowedLatenessMinutes = Options.AllowedLatenessMinutes + 1 };

        var restoring = () => DetectionPipeline.Restore(new MemoryStream(Snapshot()), other, Watchlist.Empty, PortAreas.Empty, _ => { });

        restoring.Should().Throw<PipelineSnapshotException>().Which.Reason.Should().Be(SnapshotFailure.OptionsChanged);
    }

    private static Func<DetectionPipeline> Restoring(byte[] bytes) =>
        () => DetectionPipeline.Restore(new MemoryStream(bytes), Options, Watchlist.Empty, PortAreas.Empty, _ => { });

    private static byte[] Snapshot()
    {
        var pipeline = new DetectionPipeline(Options, Watchlist.Empty, PortAreas.Empty, _ => { });
        var reports = Reports();
        for (var i = 0; i < reports.Count / 2; i++)
        {
            pipeline.Add(reports[i], Some.Source(i), reports[i].Mmsi % 2);
        }

        using var output = new MemoryStream();
        pipeline.WriteSnapshot(output);
        return output.ToArray();
    }

    /// <summary>Two vessels for 12 hours over two partitions; one goes dark for 4 hours in the middle (open at the half-way cut).</summary>
    private static List<AisReport> Reports() =>
    [
        .. Harness.Merge(
            Harness.Reports(Some.DprkMmsi, Some.T0, Some.T0 + Some.Hours(5), 39, 130, lonPerHour: 0.1),
            Harness.Reports(Some.DprkMmsi, Some.T0 + Some.Hours(9), Some.T0 + Some.Hours(12), 39.1, 130.9, lonPerHour: 0.1),
            Harness.Reports(Some.OtherMmsi, Some.T0, Some.T0 + Some.Hours(12), 38, 131, everyMinutes: 3, lonPerHour: 0.1),
            [Some.Static(Some.DprkMmsi, Some.T0 + Some.Minutes(1), imo: 9_000_001, name: "DARK ONE", shipType: 80, draught: 7)]),
    ];

    private static List<string> Feed(List<AisReport> reports, int cutAt)
    {
        var alerts = new List<string>();
        var pipeline = new DetectionPipeline(Options, Watchlist.Empty, PortAreas.Empty, a => alerts.Add(AlertJson.Serialize(a)));
        for (var i = 0; i < reports.Count; i++)
        {
            if (i == cutAt)
            {
                pipeline.Statistics.BufferedReports.Should().BeGreaterThan(0);
                using var snapshot = new MemoryStream();
                pipeline.WriteSnapshot(snapshot);
                snapshot.Position = 0;
                pipeline = DetectionPipeline.Restore(snapshot, Options, Watchlist.Empty, PortAreas.Empty, a => alerts.Add(AlertJson.Serialize(a)));
            }

            pipeline.Add(reports[i], Some.Source(i), reports[i].Mmsi % 2);
        }

        pipeline.Complete();
        return alerts;
    }
}
