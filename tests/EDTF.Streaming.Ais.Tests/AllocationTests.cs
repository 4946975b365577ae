using System.Text;
using EDTF.Streaming.Ais.Tests.Support;

namespace EDTF.Streaming.Ais.Tests;

/// <summary>The hot path's promise: position reports cost no allocation once the decoder is warm.</summary>
public class AllocationTests
{
    [Fact]
    public void DecodeLine_PositionReportsWithTagSource_AllocateNothingInSteadyState()
    {
        var lines = new[]
        {
            Encoding.ASCII.GetBytes(Some.Tag("s:rORBCOMM104,c:1418172113") + Some.PositionSentence),
            Encoding.ASCII.GetBytes("!AIVDM,1,1,,B,B5MiOp0006g4up6:EV403wr5oP06,0*38"),
            Encoding.ASCII.GetBytes(Some.PositionSentence + ",1418172113"),
        };
        var decoder = new NmeaDecoder();
        var sink = new NullSink();
        for (var i = 0; i < 20_000; i++)
        {
            decoder.DecodeLine(lines[i % lines.Length], i, null, sink);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 30_000; i++)
        {
            decoder.DecodeLine(lines[i % lines.Length], i, null, sink);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        sink.Positions.Should().Be(50_000);
        // Zero in practice; a one-off few hundred bytes may come from the runtime re-compiling a hot method (tiering),
        // which is not per message: any per-message allocation would be at least 30,000 x 24 bytes.
        allocated.Should().BeLessThan(1024);
    }

    private sealed class NullSink : IAisReportSink
    {
        public int Positions { get; private set; }

        public void OnReport(in AisReport report)
        {
            if (report.IsPositionReport)
            {
                Positions++;
            }
        }

        public void OnReject(in DecodeReject reject) => throw new InvalidOperationException(reject.Detail);
    }
}
