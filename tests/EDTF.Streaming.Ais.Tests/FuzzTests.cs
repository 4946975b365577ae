using System.Text;
using EDTF.Streaming.Ais.Tests.Support;

namespace EDTF.Streaming.Ais.Tests;

/// <summary>Seeded random corruption of real lines: nothing escapes, and every line ends decoded, rejected with a reason, or knowingly skipped.</summary>
public class FuzzTests
{
    private static readonly string[] Sources =
    [
        "real-mix/real-mix.nmea", "libais/tagblock.nmea", "amsa-risky/exact-earth-with-tag-block.txt", "dma-aislib/replay_dump.txt",
        "libais/typeexamples.nmea", "amsa-risky/exact-earth-augmented-2.txt", "gpsd/ais-nmea.log", "pyais/mixed.txt",
    ];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void DecodeLine_RandomlyCorruptedRealLines_NeverThrowAndAccountForEveryLine(int seed)
    {
        var random = new Random(seed);
        var corpus = Sources.SelectMany(s => File.ReadLines(EDTF.Streaming.Tests.TestPaths.AisData(s)).Take(3000)).ToArray();
        var decoder = new NmeaDecoder(new NmeaDecoderOptions { MaxPendingGroups = 64, FragmentExpiryLines = 50 });
        var sink = new LineAccountingSink();

        for (var i = 0; i < 20_000; i++)
        {
            var line = Corrupt(Encoding.Latin1.GetBytes(corpus[random.Next(corpus.Length)]), random);
            sink.Begin(i + 1);
            var reportsBefore = sink.Reports.Count;
            decoder.DecodeLine(line, i + 1, null, sink);
            if (!sink.EmittedForCurrentLine)
            {
                Silent(line).Should().BeTrue($"line {i + 1} '{Encoding.Latin1.GetString(line)}' produced neither report nor reject");
            }

            if (sink.Reports.Count == reportsBefore + 1 && sink.Reports[^1].Line == i + 1)
            {
                // No state may leak between lines: the same line in a fresh decoder gives the same message (time aside: $PGHP is state).
                var alone = CollectingSink.DecodeLines(Encoding.Latin1.GetString(line)).Reports;
                alone.Should().ContainSingle();
                (alone[0] with { Line = i + 1, EventTimeMs = null }).Should().Be(sink.Reports[^1] with { EventTimeMs = null }, Encoding.Latin1.GetString(line));
            }
        }

        decoder.Flush(sink);
        sink.Rejects.Should().OnlyContain(r => !r.Detail.StartsWith("unreadable line", StringComparison.Ordinal), "no decoder bug may be hit");
        sink.Rejects.Should().OnlyContain(r => r.Line >= 1 && r.Line <= 20_000 && Enum.IsDefined(r.Reason) && r.Detail.Length > 0);
        sink.Reports.Should().OnlyContain(r => r.Line >= 1 && r.Line <= 20_000 && r.MessageType >= 0 && r.MessageType < 64);
        decoder.Statistics.Rejects.Should().Be(sink.Rejects.Count);
        decoder.Statistics.Messages.Should().Be(sink.Reports.Count);
        decoder.Statistics.PendingGroups.Should().Be(0);
        sink.Reports.Count.Should().BeGreaterThan(1000, "most corruptions still leave many lines intact");
        sink.Rejects.Select(r => r.Reason).Distinct().Count().Should().BeGreaterThan(5);
    }

    /// <summary>Lines allowed to produce nothing at once: blank, comment, metadata, empty sentences, and fragments (they surface later as a message or a group reject).</summary>
    private static bool Silent(ReadOnlySpan<byte> line)
    {
        var text = Encoding.Latin1.GetString(line).Trim();
        if (text.Length == 0 || text.StartsWith('#') || text.Contains("$PGHP,1,", StringComparison.Ordinal))
        {
            return true;
        }

        var vdm = text.IndexOf("VD", StringComparison.Ordinal);
        if (vdm < 0)
        {
            return false;
        }

        var fields = text[vdm..].Split(',');
        return fields.Length >= 6 && (fields[1] != "1" || fields[5].Length == 0 || fields[5].All(c => c == '0'));
    }

    private static byte[] Corrupt(byte[] line, Random random)
    {
        var bytes = line.ToList();
        var edits = random.Next(0, 3);
        for (var e = 0; e < edits && bytes.Count > 0; e++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(6))
            {
                case 0:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 1:
                    bytes.RemoveAt(at);
                    break;
                case 2:
                    bytes.Insert(at, "!\\*,$0A"u8[random.Next(7)]);
                    break;
                case 3:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 4:
                    bytes.InsertRange(at, bytes.Take(random.Next(bytes.Count)).ToList());
                    break;
                default:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
            }
        }

        return [.. bytes];
    }

    private sealed class LineAccountingSink : IAisReportSink
    {
        private long _current;

        public List<AisReport> Reports { get; } = [];

        public List<DecodeReject> Rejects { get; } = [];

        public bool EmittedForCurrentLine { get; private set; }

        public void Begin(long line)
        {
            _current = line;
            EmittedForCurrentLine = false;
        }

        public void OnReport(in AisReport report)
        {
            Reports.Add(report);
            // A multi-sentence message carries its first fragment's line, but the current line completed it.
            EmittedForCurrentLine = true;
        }

        public void OnReject(in DecodeReject reject)
        {
            Rejects.Add(reject);
            EmittedForCurrentLine |= reject.Line == _current;
        }
    }
}
