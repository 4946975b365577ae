using EDTF.Streaming.Ais;
using EDTF.Streaming.Ais.Encoders;

namespace EDTF.Streaming.Benchmarks;

/// <summary>Writes a deterministic tag-blocked AIVDM file for the detection benchmarks: a fleet in the seas around Korea reporting types 1 and 5.</summary>
public static class DetectionBenchmarkData
{
    public const long StartSeconds = 1_709_251_200; // 2024-03-01T00:00:00Z

    /// <summary>Writes about <paramref name="sentences"/> lines to <paramref name="path"/> (once; reused when it exists) and returns the path.</summary>
    public static string EnsureNmea(string path, int vessels, int sentences, int seed = 7)
    {
        if (File.Exists(path))
        {
            return path;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var tmp = path + ".tmp";
        using (var w = new StreamWriter(tmp))
        {
            var rng = new Random(seed);
            var fleet = Enumerable.Range(0, vessels).Select(i => new Ship(
                i % 100 == 0 ? 445_000_000 + i : 412_000_000 + i,
                30 + (rng.NextDouble() * 15), 120 + (rng.NextDouble() * 20),
                rng.NextDouble() < 0.3 ? rng.NextDouble() * 0.5 : 5 + (rng.NextDouble() * 10),
                rng.NextDouble() * 360)).ToArray();
            var written = 0;
            var intervalSeconds = 30;
            for (var second = 0L; written < sentences; second++)
            {
                // Each vessel reports once per interval, spread over the interval; type 5 every 6 minutes.
                for (var i = (int)(second % intervalSeconds); i < fleet.Length && written < sentences; i += intervalSeconds)
                {
                    var s = fleet[i];
                    s.Move(intervalSeconds);
                    var tag = AisEncoder.TagBlock(StartSeconds + second, "rx" + (i % 7));
                    var report = new AisReport { MessageType = 1, Mmsi = s.Mmsi, Latitude = s.Lat, Longitude = s.Lon, SpeedKnots = s.SpeedKnots, CourseDegrees = s.Course, NavStatus = 0, Second = (int)(second % 60) };
                    foreach (var sentence in AisEncoder.ToSentences(AisEncoder.EncodePosition(report), 'A', 0))
                    {
                        w.Write(tag);
                        w.WriteLine(sentence);
                        written++;
                    }

                    if ((second + i) % 360 < intervalSeconds)
                    {
                        var info = new AisReport { MessageType = 5, Mmsi = s.Mmsi, Imo = 9_000_000 + (i % 999_999), Name = "SHIP " + i, Callsign = "C" + i, ShipType = 70 + (i % 20), DraughtMeters = 5 + (i % 10), Destination = "BUSAN" };
                        foreach (var sentence in AisEncoder.ToSentences(AisEncoder.EncodeStaticAndVoyage(info), 'B', (int)(second % 10)))
                        {
                            w.Write(tag);
                            w.WriteLine(sentence);
                            written++;
                        }
                    }
                }
            }
        }

        File.Move(tmp, path, overwrite: true);
        return path;
    }

    private sealed class Ship(int mmsi, double lat, double lon, double speedKnots, double course)
    {
        public int Mmsi { get; } = mmsi;

        public double Lat { get; private set; } = lat;

        public double Lon { get; private set; } = lon;

        public double SpeedKnots { get; } = Math.Round(speedKnots, 1);

        public double Course { get; } = Math.Round(course, 1);

        public void Move(int seconds)
        {
            var nm = SpeedKnots * seconds / 3600;
            Lat += nm / 60 * Math.Cos(Course * Math.PI / 180);
            Lon += nm / 60 * Math.Sin(Course * Math.PI / 180) / Math.Cos(Lat * Math.PI / 180);
        }
    }
}
