using BenchmarkDotNet.Attributes;
using EDTF.Streaming.Ais;
using EDTF.Streaming.Tests;

namespace EDTF.Streaming.Benchmarks;

/// <summary>Parse + decode of real-mix.nmea repeated 14 times (about 1M sentences), in memory, single-threaded.</summary>
/// <remarks>Run: <c>dotnet run -c Release --project tests/EDTF.Streaming.Benchmarks -- --filter '*DecoderBenchmarks*'</c>.</remarks>
[MemoryDiagnoser]
public class DecoderBenchmarks
{
    private const int Repeats = 14;

    private byte[] _input = [];
    private int _sentences;

    [GlobalSetup]
    public void Setup()
    {
        var path = TestPaths.AisData("real-mix/real-mix.nmea");
        var one = File.ReadAllBytes(path);
        _input = new byte[one.Length * Repeats];
        for (var i = 0; i < Repeats; i++)
        {
            one.CopyTo(_input, i * one.Length);
        }

        _sentences = Decode();
        Console.WriteLine($"// {_sentences} messages per operation");
    }

    /// <summary>Decodes every line of the in-memory input; the result is the number of reports.</summary>
    [Benchmark(OperationsPerInvoke = 1)]
    public int DecodeRealMixTimes14() => Decode();

    /// <summary>One position report line, decoded again and again (steady state: must not allocate).</summary>
    [Benchmark(OperationsPerInvoke = 1000)]
    public int DecodeOnePositionReport1000Times()
    {
        var sink = new CountingSink();
        var decoder = _single;
        for (var i = 0; i < 1000; i++)
        {
            decoder.DecodeLine(PositionLine, i, null, sink);
        }

        return sink.Reports;
    }

    private static ReadOnlySpan<byte> PositionLine => @"\s:rORBCOMM104,c:1418172113*23\!AIVDM,1,1,,B,13F?Vv700<DJuLEtvep`iToV0<00,0*78"u8;

    private readonly NmeaDecoder _single = new();

    private int Decode()
    {
        var decoder = new NmeaDecoder();
        var sink = new CountingSink();
        ReadOnlySpan<byte> rest = _input;
        long line = 0;
        while (!rest.IsEmpty)
        {
            var newline = rest.IndexOf((byte)'\n');
            var current = newline < 0 ? rest : rest[..newline];
            decoder.DecodeLine(current, ++line, null, sink);
            rest = newline < 0 ? default : rest[(newline + 1)..];
        }

        decoder.Flush(sink);
        return sink.Reports;
    }

    private sealed class CountingSink : IAisReportSink
    {
        public int Reports { get; private set; }

        public long MmsiSum { get; private set; }

        public void OnReport(in AisReport report)
        {
            Reports++;
            MmsiSum += report.Mmsi;
        }

        public void OnReject(in DecodeReject reject)
        {
        }
    }
}
