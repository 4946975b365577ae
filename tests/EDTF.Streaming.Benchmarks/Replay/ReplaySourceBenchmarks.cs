using System.Globalization;
using BenchmarkDotNet.Attributes;
using EDTF.Streaming.Ais.Formats;
using EDTF.Streaming.Kafka.Replay;
using EDTF.Streaming.Tests;

namespace EDTF.Streaming.Benchmarks.Replay;

/// <summary>
/// The replay's reading side without Kafka: NMEA lines decoded into keyed, timed records (real-mix, 73,033 sentences)
/// and MarineCadastre rows into AIS JSON records (100,000 rows). Records per second = N / mean time.
/// </summary>
[MemoryDiagnoser]
public class ReplaySourceBenchmarks
{
    private const int CsvRows = 100_000;
    private string _nmea = string.Empty;
    private string _csv = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        _nmea = TestPaths.AisData("real-mix/real-mix.nmea");
        _csv = Path.Combine(Path.GetTempPath(), "edtf-bench-marinecadastre.csv");
        using var writer = new StreamWriter(_csv);
        writer.WriteLine("MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,VesselName,IMO,CallSign,VesselType,Status,Length,Width,Draft,Cargo,TransceiverClass");
        var t0 = new DateTime(2023, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < CsvRows; i++)
        {
            var mmsi = 366_000_000 + (i % 2000);
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{mmsi},{t0.AddSeconds(i):yyyy-MM-dd'T'HH:mm:ss},{30 + (i % 100) * 0.01:F5},{-90 - (i % 50) * 0.01:F5},{i % 20}.{i % 10},{i % 360}.0,{i % 360},VESSEL {mmsi},IMO{9_000_000 + (i % 2000)},CALL{i % 2000},70,0,120,20,7.5,70,A"));
        }
    }

    [GlobalCleanup]
    public void Cleanup() => File.Delete(_csv);

    [Benchmark]
    public long NmeaRealMix() => Count(_nmea, AisInputFormat.Nmea);

    [Benchmark(Baseline = true)]
    public long NmeaDecodeOnly() => Ais.NmeaFileReader.Decode(_nmea, new Ais.NmeaDecoder(), NullSink.Instance);

    [Benchmark]
    public long MarineCadastre100k() => Count(_csv, AisInputFormat.CsvMarineCadastre);

    private static long Count(string path, AisInputFormat format)
    {
        var context = new ReplaySourceContext(new ReplayOptions { Inputs = [path] }, new ReplayStatistics(), new InputProgress());
        long n = 0;
        foreach (var record in ReplaySources.Open(path, format, context))
        {
            n += record.Value.Length > 0 ? 1 : 0;
        }

        return n;
    }

    private sealed class NullSink : Ais.IAisReportSink
    {
        public static readonly NullSink Instance = new();

        public void OnReport(in Ais.AisReport report)
        {
        }

        public void OnReject(in Ais.DecodeReject reject)
        {
        }
    }
}
