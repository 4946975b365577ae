using System.Text;
using EDTF.Streaming.Ais;
using EDTF.Streaming.Kafka.Replay;
using EDTF.Streaming.Tests;

namespace EDTF.Streaming.Kafka.Tests.Replay;

public sealed class NmeaReplaySourceTests : IDisposable
{
    private readonly string _folder = Some.TempFolder();

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("amsa-risky/exact-earth-with-tag-block.txt")]
    [InlineData("gpsd/sample.aivdm")]
    [InlineData("libais/tagblock.nmea")]
    [InlineData("pyais/gatehouse.nmea")]
    public void Read_RealCapture_OneSelfContainedRecordPerDecodedMessage(string capture)
    {
        var path = TestPaths.AisData(capture);
        var expected = new CountingSink();
        NmeaFileReader.Decode(path, new NmeaDecoder(), expected);

        var records = Read(path, out var statistics);

        records.Should().HaveCount(expected.Reports.Count);
        records.Select(r => r.Mmsi).Should().Equal(expected.Reports.Select(r => r.Mmsi));
        statistics.Rejected.Should().Be(expected.Rejects);
        foreach (var record in records)
        {
            var again = new CountingSink();
            var decoder = new NmeaDecoder();
            var lines = Encoding.Latin1.GetString(record.Value).Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                decoder.DecodeLine(Encoding.Latin1.GetBytes(lines[i]), i + 1, null, again);
            }

            again.Reports.Should().ContainSingle($"record of line {record.Line} should decode alone").Which.Mmsi.Should().Be(record.Mmsi);
            record.ContentType.Should().BeNull();
        }
    }

    [Fact]
    public void Read_TagBlockGroups_KeepsBothSentencesInOneRecordAndItsTime()
    {
        var records = Read(TestPaths.AisData("amsa-risky/exact-earth-with-tag-block.txt"), out _);

        var first = records[0];
        var text = Encoding.Latin1.GetString(first.Value);
        text.Split('\n').Should().HaveCount(2);
        text.Should().StartWith("\\g:1-2-3985").And.Contain("\n\\g:2-2-3985");
        first.EventTimeMs.Should().Be(1334337317000);
        first.Line.Should().Be(1);
    }

    [Fact]
    public void Read_GatehouseLine_TravelsWithItsSentenceAndGivesTheTime()
    {
        var records = Read(TestPaths.AisData("pyais/gatehouse.nmea"), out _);

        var record = records[0];
        Encoding.Latin1.GetString(record.Value).Should().StartWith("$PGHP,1,2008,5,9").And.Contain("\n!AIVDM");
        record.EventTimeMs.Should().Be(new DateTimeOffset(2008, 5, 9, 0, 0, 0, 10, TimeSpan.Zero).ToUnixTimeMilliseconds());
    }

    [Fact]
    public void Read_LinesWithoutTime_TakeTheLastTimeSeenAndBadLinesAreRejected()
    {
        var path = Path.Combine(_folder, "a.nmea");
        Directory.CreateDirectory(_folder);
        File.WriteAllLines(path,
        [
            "!AIVDM,1,1,,A,17P@<J?P00blFWmjG@5a5?v62<10,0*27",
            "\\s:rEV02,c:1334337317*58\\!AIVDM,1,1,,B,19NWuLhuRb5QHfCpPcwj`26B0<02,0*5F",
            "!AIVDM,1,1,,A,17P@<J?P00blFWmjG@5a5?v62<10,0*00",
            "!AIVDM,1,1,,A,17P@<J?P00blFWmjG@5a5?v62<10,0*27",
        ]);

        var records = Read(path, out var statistics);

        records.Select(r => (r.Line, r.EventTimeMs)).Should().Equal((1L, (long?)null), (2L, 1334337317000L), (4L, 1334337317000L));
        statistics.RejectsByReason().Should().ContainSingle().Which.Should().Match<(string Reason, long Count, IReadOnlyList<Ais.Formats.InputReject> First)>(
            r => r.Reason == "bad_checksum" && r.Count == 1 && r.First[0].Line == 3);
    }

    private static List<ReplayRecord> Read(string path, out ReplayStatistics statistics)
    {
        statistics = new ReplayStatistics();
        var context = new ReplaySourceContext(new ReplayOptions { Inputs = [path] }, statistics, new Ais.Formats.InputProgress());
        return [.. NmeaReplaySource.Read(path, context)];
    }

    private sealed class CountingSink : IAisReportSink
    {
        public List<AisReport> Reports { get; } = [];

        public long Rejects { get; private set; }

        public void OnReport(in AisReport report) => Reports.Add(report);

        public void OnReject(in DecodeReject reject) => Rejects++;
    }
}
