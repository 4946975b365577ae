using System.Text;
using EDTF.Streaming.Ais.Encoders;
using EDTF.Streaming.Ais.Tests.Support;

namespace EDTF.Streaming.Ais.Tests;

/// <summary>Reassembly across streams (<see cref="NmeaDecoderOptions.AcrossStreams"/>): fragments of one message read from different Kafka partitions.</summary>
public sealed class StreamReassemblyTests
{
    private const long T0 = 1_772_323_200; // 2026-03-01T00:00:00Z, seconds

    private static readonly NmeaDecoderOptions Across = new() { AcrossStreams = true, FragmentExpiryLines = int.MaxValue, MaxPendingGroups = 65_536 };

    [Fact]
    public void DecodeLine_FragmentsOnTwoStreamsThousandsOfLinesApart_Reassembled()
    {
        var (first, second) = StaticMessage(mmsi: 273_000_001, imo: 8_660_313, seq: 4, timeS: T0 + 600);
        var run = new Run(Across);
        run.Add(1);
        run.Add(0);

        // Stream 0 is read a whole chunk ahead: its fragment, then half an hour of its traffic; stream 1 is read afterwards.
        run.Line(0, first);
        run.Positions(0, fromS: T0 + 601, count: 3000, stepS: 1);
        run.Positions(1, fromS: T0, count: 599, stepS: 1);
        run.Line(1, second);

        run.Sink.Rejects.Should().BeEmpty();
        run.Sink.Reports.Should().ContainSingle(r => r.MessageType == 5).Which.Should().Match<AisReport>(
            r => r.Mmsi == 273_000_001 && r.Imo == 8_660_313 && r.EventTimeMs == (T0 + 600) * 1000);

        // The file rules (250 lines, 60 s after the fragment) reject the same sequence.
        var file = new Run(new NmeaDecoderOptions());
        file.Line(0, first);
        file.Positions(0, fromS: T0 + 601, count: 3000, stepS: 1);
        file.Positions(1, fromS: T0, count: 599, stepS: 1);
        file.Line(1, second);
        file.Sink.Reports.Should().NotContain(r => r.MessageType == 5);
    }

    [Fact]
    public void DecodeLine_EveryStreamMovedPastExpiry_GroupExpires()
    {
        var (first, _) = StaticMessage(mmsi: 273_000_002, imo: null, seq: 1, timeS: T0);
        var run = new Run(Across);
        run.Add(0);
        run.Add(1);
        run.Line(0, first);
        run.Positions(0, fromS: T0, count: 200, stepS: 1);
        run.Positions(1, fromS: T0, count: 60, stepS: 1);

        run.Sink.Rejects.Should().BeEmpty("stream 1 has not moved 60 s past the fragment yet");

        run.Positions(1, fromS: T0 + 60, count: 200, stepS: 1);

        run.Sink.Rejects.Should().ContainSingle().Which.Should().Match<DecodeReject>(r => r.Reason == RejectReason.ExpiredFragments && r.Line == 1);
        run.Decoder.Statistics.PendingGroups.Should().Be(0);
    }

    [Fact]
    public void DecodeLine_AssignedStreamThatDeliveredNothing_HoldsGroupsBackUntilAtEnd()
    {
        var (first, _) = StaticMessage(mmsi: 273_000_003, imo: null, seq: 1, timeS: T0);
        var run = new Run(Across);
        run.Add(0);
        run.Add(1);
        run.Line(0, first);
        run.Positions(0, fromS: T0, count: 1000, stepS: 10);

        run.Sink.Rejects.Should().BeEmpty("stream 1 may still deliver the other fragment");

        run.Decoder.SetStreamIdle(1, run.Sink);

        run.Sink.Rejects.Should().ContainSingle("stream 1 at its end holds nothing back, and stream 0 is far past the fragment")
            .Which.Reason.Should().Be(RejectReason.ExpiredFragments);
    }

    [Fact]
    public void SetStreamIdle_EveryStreamAtEnd_GroupsOlderThanExpiryBeforeNewestClockRejectedOthersWait()
    {
        var (old, _) = StaticMessage(mmsi: 273_000_005, imo: null, seq: 1, timeS: T0);
        var (recent, _) = StaticMessage(mmsi: 273_000_006, imo: null, seq: 2, timeS: T0 + 80);
        var run = new Run(Across);
        run.Add(0);
        run.Add(1);
        run.Line(0, old);
        run.Positions(0, fromS: T0 + 1, count: 30, stepS: 3);
        run.Line(0, recent);
        run.Positions(0, fromS: T0 + 91, count: 10, stepS: 1);
        run.Positions(1, fromS: T0, count: 30, stepS: 1);
        run.Decoder.SetStreamIdle(0, run.Sink);
        run.Sink.Rejects.Should().BeEmpty("stream 1 is still active and only at T0 + 29 s");

        run.Decoder.SetStreamIdle(1, run.Sink);

        run.Sink.Rejects.Should().ContainSingle("every stream is at its end and the newest time read is T0 + 100 s").Which.Line.Should().Be(1);
        run.Decoder.Statistics.PendingGroups.Should().Be(1, "the recent group began less than 60 s before the newest time read");
    }

    [Fact]
    public void DecodeLine_LatePairOnStreamsAlreadyMinutesAhead_Reassembled()
    {
        // Both fragments were written 150 s late: each stream's clock is already past the fragments' own time.
        var (first, second) = StaticMessage(mmsi: 273_000_004, imo: 8_660_313, seq: 2, timeS: T0 + 1000 - 150);
        var run = new Run(Across);
        run.Add(0);
        run.Add(1);
        run.Positions(0, fromS: T0, count: 1000, stepS: 1);
        run.Line(0, first);
        run.Positions(0, fromS: T0 + 1000, count: 500, stepS: 1);
        run.Positions(1, fromS: T0, count: 1000, stepS: 1);
        run.Line(1, second);

        run.Sink.Rejects.Should().BeEmpty();
        run.Sink.Reports.Should().ContainSingle(r => r.MessageType == 5).Which.Mmsi.Should().Be(273_000_004);
    }

    [Fact]
    public void DecodeLine_SameKeyReusedWhileOlderGroupWaits_EachFragmentJoinsGroupClosestInTime()
    {
        // Same receiver, channel and sequential id five minutes apart: the older group still waits for its second fragment.
        var (x1, x2) = StaticMessage(mmsi: 273_000_010, imo: 8_660_313, seq: 3, timeS: T0);
        var (y1, y2) = StaticMessage(mmsi: 273_000_011, imo: 7_303_803, seq: 3, timeS: T0 + 300);
        var run = new Run(Across);
        run.Add(0);
        run.Add(1);
        run.Line(0, x1);
        run.Line(0, y1);
        run.Line(1, y2);
        run.Line(1, x2);

        run.Sink.Rejects.Should().BeEmpty();
        run.Sink.Reports.Select(r => (r.Mmsi, r.Imo)).Should().Equal((273_000_011, (int?)7_303_803), (273_000_010, (int?)8_660_313));

        // The file rules supersede the older group instead.
        var file = new Run(new NmeaDecoderOptions());
        foreach (var line in new[] { x1, y1, y2, x2 })
        {
            file.Line(0, line);
        }

        file.Sink.Reports.Should().ContainSingle();
    }

    [Fact]
    public void DecodeLine_SecondFragmentReadFirstWhileSameKeyGroupWaitsSecondsAway_NotPairedWithIt()
    {
        // Seen on the default scenario split at random over 12 partitions with a 10 s tolerance: x2 joined y (8 s away).
        var (x1, x2) = StaticMessage(mmsi: 273_000_060, imo: 8_660_313, seq: 5, timeS: T0);
        var (y1, y2) = StaticMessage(mmsi: 273_000_061, imo: 7_303_803, seq: 5, timeS: T0 + 8);
        var run = new Run(Across);
        run.Line(0, y1);
        run.Line(1, x2);
        run.Line(2, x1);
        run.Line(0, y2);

        run.Sink.Rejects.Should().BeEmpty();
        run.Sink.Reports.Select(r => (r.Mmsi, r.Imo)).Should().Equal((273_000_060, (int?)8_660_313), (273_000_061, (int?)7_303_803));
    }

    [Fact]
    public void DecodeLine_OrphanOfSameKeyAndTimeWaiting_SecondFragmentJoinsTheNewestGroup()
    {
        // Lines without their own time, stamped alike (e.g. records produced in the same millisecond): an orphan whose
        // partner was lost must not take the next message's second fragment.
        var (orphan, _) = StaticMessage(mmsi: 273_000_070, imo: null, seq: 1, timeS: T0);
        var (x1, x2) = StaticMessage(mmsi: 273_000_071, imo: null, seq: 1, timeS: T0);
        var run = new Run(Across);
        run.Line(0, orphan);
        run.Line(0, x1);
        run.Line(1, x2);

        run.Sink.Reports.Should().ContainSingle().Which.Mmsi.Should().Be(273_000_071);
        run.Decoder.Statistics.PendingGroups.Should().Be(1);
    }

    [Fact]
    public void DecodeLine_FragmentFartherInTimeThanTolerance_StartsItsOwnGroup()
    {
        var (x1, _) = StaticMessage(mmsi: 273_000_020, imo: null, seq: 5, timeS: T0);
        var (_, y2) = StaticMessage(mmsi: 273_000_021, imo: null, seq: 5, timeS: T0 + 30);
        var run = new Run(new NmeaDecoderOptions { AcrossStreams = true, FragmentExpiryLines = int.MaxValue, FragmentMatchToleranceMs = 10_000 });
        run.Line(0, x1);
        run.Line(1, y2);

        run.Sink.Reports.Should().BeEmpty("a fragment 30 s away from the waiting group belongs to another message");
        run.Decoder.Statistics.PendingGroups.Should().Be(2);
        run.Decoder.Flush(run.Sink);
        run.Sink.Rejects.Select(r => r.Reason).Should().BeEquivalentTo([RejectReason.ExpiredFragments, RejectReason.OrphanFragment]);
    }

    [Fact]
    public void DecodeLine_ManyOrphansAcrossStreams_MemoryBoundedByMaxPendingGroups()
    {
        var run = new Run(new NmeaDecoderOptions { AcrossStreams = true, FragmentExpiryLines = int.MaxValue, MaxPendingGroups = 16 });
        for (var i = 0; i < 500; i++)
        {
            var (first, _) = StaticMessage(mmsi: 273_100_000 + i, imo: null, seq: i % 10, timeS: T0, source: "rx" + i);
            run.Line(i % 3, first);
            run.Decoder.Statistics.PendingGroups.Should().BeLessThanOrEqualTo(16);
        }

        run.Sink.Rejects.Should().HaveCount(500 - 16).And.OnlyContain(r => r.Reason == RejectReason.ExpiredFragments);
        run.Sink.Rejects.Select(r => r.Line).Should().BeInAscendingOrder("the oldest group is evicted first");
    }

    [Fact]
    public void DecodeLine_EvictionInsideOneKeysChain_OtherGroupsOfTheKeyStillComplete()
    {
        var (x1, _) = StaticMessage(mmsi: 273_000_050, imo: null, seq: 8, timeS: T0);
        var (y1, y2) = StaticMessage(mmsi: 273_000_051, imo: null, seq: 8, timeS: T0 + 300);
        var (z1, z2) = StaticMessage(mmsi: 273_000_052, imo: null, seq: 8, timeS: T0 + 600);
        var run = new Run(new NmeaDecoderOptions { AcrossStreams = true, FragmentExpiryLines = int.MaxValue, MaxPendingGroups = 2 });
        run.Add(0);
        run.Add(1);
        run.Line(0, x1);
        run.Line(0, y1);
        run.Line(0, z1); // evicts x, the first of the key's chain, and reuses its pooled group
        run.Line(1, z2);
        run.Line(1, y2);

        run.Sink.Rejects.Should().ContainSingle().Which.Line.Should().Be(1);
        run.Sink.Reports.Select(r => r.Mmsi).Should().Equal(273_000_052, 273_000_051);
        run.Decoder.Statistics.PendingGroups.Should().Be(0);
    }

    [Fact]
    public void FragmentListener_FragmentsInTwoCalls_ToldHeldThenCompletedOnce()
    {
        var (first, second) = StaticMessage(mmsi: 273_000_030, imo: null, seq: 6, timeS: T0);
        var (orphan, _) = StaticMessage(mmsi: 273_000_031, imo: null, seq: 7, timeS: T0);
        var run = new Run(Across);
        var listener = new RecordingListener();
        run.Decoder.FragmentListener = listener;

        run.Line(0, first);
        run.Line(0, orphan);
        listener.Events.Should().Equal("held 1", "held 2");

        run.Line(1, second);
        listener.Events.Should().Equal("held 1", "held 2", "completed 1");

        run.Decoder.ExpirePendingFragments(run.Sink);
        listener.Events.Should().Equal("held 1", "held 2", "completed 1", "dropped 2");
        run.Sink.Rejects.Should().ContainSingle().Which.Reason.Should().Be(RejectReason.ExpiredFragments);
        run.Decoder.Statistics.PendingGroups.Should().Be(0);
    }

    [Fact]
    public void DecodeLine_DefaultOptions_StreamCallsChangeNothing()
    {
        var (first, second) = StaticMessage(mmsi: 273_000_040, imo: null, seq: 1, timeS: T0);
        var run = new Run(new NmeaDecoderOptions());
        run.Decoder.FragmentListener = new RecordingListener();
        run.Decoder.AddStream(1);
        run.Line(0, first);
        run.Positions(0, fromS: T0 + 1, count: 300, stepS: 1);
        run.Line(1, second);

        run.Decoder.FragmentListener.Should().BeNull("a listener only applies across streams");
        run.Decoder.Flush(run.Sink);
        run.Sink.Rejects.Select(r => r.Reason).Should().Equal(RejectReason.ExpiredFragments, RejectReason.OrphanFragment);
    }

    [Fact]
    public void DecodeLine_FutureDatedLineAboveTheClockCeiling_DoesNotPutItsStreamAhead()
    {
        var (first, _) = StaticMessage(mmsi: 273_000_090, imo: null, seq: 2, timeS: T0 + 10);
        var run = new Run(Across);
        run.Decoder.StreamClockCeilingMs = (T0 + 30) * 1000;
        run.Add(0);
        run.Add(1);
        run.Positions(0, fromS: T0 + 86_400, count: 1, stepS: 1); // a receiver a day ahead
        run.Line(0, first);
        run.Decoder.StreamClockCeilingMs = (T0 + 200) * 1000; // the wall clock moved on
        run.Positions(0, fromS: T0, count: 100, stepS: 1);
        run.Positions(1, fromS: T0, count: 200, stepS: 1); // expiry is checked every 64 lines

        run.Sink.Rejects.Should().ContainSingle("the group began at the ceiling (T0 + 30 s), not a day ahead, so both streams passed it by 60 s")
            .Which.Reason.Should().Be(RejectReason.ExpiredFragments);
    }

    [Fact]
    public void ObserveStreamTime_StreamWithoutNmeaLines_MovesItsClockSoGroupsExpire()
    {
        var (first, _) = StaticMessage(mmsi: 273_000_091, imo: null, seq: 3, timeS: T0);
        var run = new Run(Across);
        run.Add(0);
        run.Add(1);
        run.Line(0, first);
        run.Positions(0, fromS: T0, count: 200, stepS: 1);

        run.Sink.Rejects.Should().BeEmpty("stream 1 has delivered no time yet");

        run.Decoder.Stream = 1;
        run.Decoder.ObserveStreamTime((T0 + 120) * 1000, 1_000, run.Sink); // e.g. a JSON record of stream 1

        run.Sink.Rejects.Should().ContainSingle().Which.Reason.Should().Be(RejectReason.ExpiredFragments);
    }

    /// <summary>A type 5 with a TAG block (time, receiver) as the simulator writes it: two sentences.</summary>
    private static (string First, string Second) StaticMessage(int mmsi, int? imo, int seq, long timeS, string source = "rx41n132e")
    {
        var payload = AisEncoder.EncodeStaticAndVoyage(new AisReport { MessageType = 5, Mmsi = mmsi, Imo = imo, Name = "TEST " + mmsi, ShipType = 80 });
        var sentences = AisEncoder.ToSentences(payload, 'B', seq);
        sentences.Should().HaveCount(2);
        var tag = AisEncoder.TagBlock(timeS, source);
        return (tag + sentences[0], tag + sentences[1]);
    }

    /// <summary>A decoder fed line by line, each line on a stream, numbered in reading order.</summary>
    private sealed class Run(NmeaDecoderOptions options)
    {
        private long _line;

        public NmeaDecoder Decoder { get; } = new(options);

        public CollectingSink Sink { get; } = new();

        public void Add(int stream) => Decoder.AddStream(stream);

        public void Line(int stream, string text)
        {
            Decoder.Stream = stream;
            Decoder.DecodeLine(Encoding.ASCII.GetBytes(text), ++_line, null, Sink);
        }

        public void Positions(int stream, long fromS, int count, int stepS)
        {
            for (var i = 0; i < count; i++)
            {
                var position = Some.Vdm(Some.Type1(mmsi: 211_000_001 + (i % 50)));
                Line(stream, AisEncoder.TagBlock(fromS + ((long)i * stepS), "rx41n132e") + position);
            }
        }
    }

    private sealed class RecordingListener : IFragmentListener
    {
        private int _next;

        public List<string> Events { get; } = [];

        public object FragmentHeld(object? token)
        {
            var id = token as int? ?? ++_next;
            Events.Add("held " + id);
            return id;
        }

        public void MessageCompleted(object token) => Events.Add("completed " + token);

        public void MessageDropped(object token) => Events.Add("dropped " + token);
    }
}
