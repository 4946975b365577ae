using EDTF.Streaming.Kafka.Replay;

namespace EDTF.Streaming.Kafka.Tests.Replay;

public class EventTimeMergeTests
{
    [Fact]
    public void Merge_SeveralFiles_GivesEventTimeOrderWithTiesToEarlierFile()
    {
        IEnumerable<ReplayRecord> a = [Some.Record(1, 10, "a"), Some.Record(1, 30, "a"), Some.Record(1, 50, "a")];
        IEnumerable<ReplayRecord> b = [Some.Record(2, 5, "b"), Some.Record(2, 30, "b"), Some.Record(2, 60, "b")];
        IEnumerable<ReplayRecord> empty = [];

        var merged = EventTimeMerge.Merge([a, empty, b]).ToList();

        merged.Select(r => (r.File, r.EventTimeMs)).Should().Equal(
            ("b", 5L), ("a", 10L), ("a", 30L), ("b", 30L), ("a", 50L), ("b", 60L));
    }

    [Fact]
    public void Merge_FileOutOfOrder_KeepsThatFilesOrder()
    {
        IEnumerable<ReplayRecord> a = [Some.Record(1, 40, "a"), Some.Record(1, 20, "a")];
        IEnumerable<ReplayRecord> b = [Some.Record(2, 30, "b")];

        var merged = EventTimeMerge.Merge([a, b]).ToList();

        merged.Select(r => (r.File, r.EventTimeMs)).Should().Equal(("b", 30L), ("a", 40L), ("a", 20L));
    }

    [Fact]
    public void Merge_RecordWithoutTime_GoesAsSoonAsItHeadsItsFile()
    {
        IEnumerable<ReplayRecord> a = [Some.Record(1, 100, "a")];
        IEnumerable<ReplayRecord> b = [Some.Record(2, null, "b"), Some.Record(2, 200, "b")];

        var merged = EventTimeMerge.Merge([a, b]).ToList();

        merged.Select(r => r.File).Should().Equal("b", "a", "b");
    }
}
