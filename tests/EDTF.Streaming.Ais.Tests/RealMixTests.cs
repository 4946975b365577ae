using EDTF.Streaming.Ais.Tests.Support;

namespace EDTF.Streaming.Ais.Tests;

public class RealMixTests
{
    private static readonly Lazy<CollectingSink> Decoded = new(() => CollectingSink.DecodeFile("real-mix/real-mix.nmea"));

    private static readonly Lazy<string[]> RawLines = new(() => File.ReadAllLines(EDTF.Streaming.Tests.TestPaths.AisData("real-mix/real-mix.nmea")));

    [Fact]
    public void DecodeFile_RealMix_RejectsOnlyTheTwoCorruptedLines()
    {
        var lineRejects = Decoded.Value.Rejects
            .Where(r => r.Reason is not (RejectReason.ExpiredFragments or RejectReason.OrphanFragment))
            .ToList();

        // Line 30710: two sentences collided on the wire ("...bngM" + "BVDM,1,1,7,A,...": the second's "!A" lost).
        // Line 51143: the header "1,1,,A," (and part of the payload) was lost: "!AIVDM,o=cf0Knevo00`4W,0*20".
        // Both fail their checksum, which is the first thing checked.
        lineRejects.Select(r => (r.Line, r.Reason)).Should().Equal((30710L, RejectReason.BadChecksum), (51143L, RejectReason.BadChecksum));
        lineRejects[0].Text.Should().Contain("bngMBVDM");
        lineRejects[1].Text.Should().StartWith("!AIVDM,o=cf");
    }

    [Fact]
    public void DecodeFile_RealMix_GroupRejectsAreTrulyIncompleteInTheSource()
    {
        var groupRejects = Decoded.Value.Rejects
            .Where(r => r.Reason is RejectReason.ExpiredFragments or RejectReason.OrphanFragment)
            .ToList();

        groupRejects.Should().NotBeEmpty("the source captures contain fragments whose partners were never received");
        foreach (var reject in groupRejects)
        {
            var fields = reject.Text.Split(',');
            var (count, number, sequence, channel) = (fields[1], int.Parse(fields[2], System.Globalization.CultureInfo.InvariantCulture), fields[3], fields[4]);
            var index = (int)reject.Line - 1;
            var window = reject.Reason == RejectReason.ExpiredFragments
                ? RawLines.Value.Skip(index + 1).Take(20)
                : RawLines.Value.Skip(Math.Max(0, index - 20)).Take(Math.Min(20, index));
            var partner = reject.Reason == RejectReason.ExpiredFragments ? number + 1 : number - 1;
            window.Should().NotContain(
                l => l.Length > 7 && l.Substring(7).StartsWith($",{count},{partner},{sequence},{channel},", StringComparison.Ordinal),
                $"line {reject.Line} ({reject.Reason}) must really lack its partner fragment nearby");
        }
    }

    [Fact]
    public void DecodeFile_RealMix_EveryAisSentenceIsAccountedFor()
    {
        var decoder = new NmeaDecoder();
        var sink = new CollectingSink();
        NmeaFileReader.Decode(EDTF.Streaming.Tests.TestPaths.AisData("real-mix/real-mix.nmea"), decoder, sink);

        var s = decoder.Statistics;
        s.Lines.Should().Be(RawLines.Value.Length);
        s.Messages.Should().Be(sink.Reports.Count);
        s.Rejects.Should().Be(sink.Rejects.Count);
        sink.Reports.Should().OnlyContain(r => r.Mmsi >= 0 && r.Line >= 1 && r.Line <= s.Lines);
        sink.Reports.Count(r => r.MessageType is 1 or 2 or 3).Should().BeGreaterThan(30_000);
        sink.Reports.Where(r => r.MessageType == 5).Should().Contain(r => r.Name != null && r.Callsign != null);
    }
}
