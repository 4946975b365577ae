using EDTF.Streaming.Ais.Formats;

namespace EDTF.Streaming.Ais.Tests.Formats;

public class AisInputReaderTests
{
    [Fact]
    public void Read_DirectoryOfMixedCsv_ReadsFilesInNameOrderWithTheirFormats()
    {
        using var temp = new TempFiles();
        temp.Write("day/b.csv", SomeCsv.Dma("27/02/2023 00:00:00,Class B,219000001,56.7,11.5,,,,,,,,,,,,,,,,,,,,,"));
        temp.Write("day/a.csv.gz", SomeCsv.MarineCadastre("366000001,2023-01-01T00:00:00,30,-90,,,,,,,,,,,,,A"));
        temp.Write("day/.hidden", "not read");

        var items = AisInputReader.Read([Path.Combine(temp.Root, "day")], AisInputFormat.Auto).ToList();

        items.Select(i => (Path.GetFileName(i.File), i.Report.Mmsi, i.Report.MessageType))
            .Should().Equal(("a.csv.gz", 366000001, 1), ("b.csv", 219000001, 18));
    }

    [Fact]
    public void Read_MissingPath_Throws()
    {
        var act = () => AisInputReader.Read(["/nonexistent/edtf.csv"], AisInputFormat.Auto).ToList();

        act.Should().Throw<FileNotFoundException>();
    }

    [Fact]
    public void Read_NmeaFile_GivesTheDecodersReportsAndRejects()
    {
        var path = EDTF.Streaming.Tests.TestPaths.AisData("gpsd/sample.aivdm");
        var reports = new List<AisReport>();
        var rejects = new List<DecodeReject>();
        NmeaFileReader.Decode(path, new NmeaDecoder(), new ListSink(reports, rejects));

        var items = AisInputReader.Read([path], AisInputFormat.Auto).ToList();

        items.Where(i => !i.IsReject).Select(i => i.Report).Should().Equal(reports);
        items.Where(i => i.IsReject).Select(i => i.Reject!.Line).Should().Equal(rejects.Select(r => r.Line));
        reports.Should().NotBeEmpty();
    }

    private sealed class ListSink(List<AisReport> reports, List<DecodeReject> rejects) : IAisReportSink
    {
        public void OnReport(in AisReport report) => reports.Add(report);

        public void OnReject(in DecodeReject reject) => rejects.Add(reject);
    }
}
