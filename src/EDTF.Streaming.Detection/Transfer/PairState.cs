using EDTF.Streaming.Detection.Tracking;

namespace EDTF.Streaming.Detection.Transfer;

/// <summary>One pair of vessels seen together: the running event (start, last time together, samples for medians).</summary>
internal sealed class PairState(Vessel a, Vessel b, long startMs)
{
    private const int MaxSamples = 256;
    private readonly List<(float DistanceMeters, float SpeedKnots)> _samples = [];
    private int _stride = 1;
    private int _seen;

    public Vessel A { get; } = a;

    public Vessel B { get; } = b;

    public long StartMs { get; } = startMs;

    /// <summary>Each vessel's draught when the pair first came together (0 = not known), for the cargo estimate.</summary>
    public float DraughtBeforeA { get; } = a.Identity?.Draught ?? 0;

    public float DraughtBeforeB { get; } = b.Identity?.Draught ?? 0;

    public long LastTogetherMs { get; set; } = startMs;

    public long TimerDueMs { get; set; }

    public bool Opened { get; set; }

    public bool Confident { get; set; }

    public bool NearPortInHighRiskArea { get; set; }

    public bool InHighRiskArea { get; set; }

    public double MinDistanceMeters { get; private set; } = double.MaxValue;

    public double SumLatitude { get; private set; }

    public double SumLongitude { get; private set; }

    public int Samples { get; private set; }

    public Pipeline.SourceRef LastSource { get; set; }

    public double DurationHours => (LastTogetherMs - StartMs) / 3_600_000.0;

    public void AddSample(long timeMs, double distanceMeters, double speedKnots, double lat, double lon)
    {
        LastTogetherMs = Math.Max(LastTogetherMs, timeMs);
        MinDistanceMeters = Math.Min(MinDistanceMeters, distanceMeters);
        SumLatitude += lat;
        SumLongitude += lon;
        Samples++;

        // Keep a bounded, evenly thinned sample for the medians.
        if (_seen++ % _stride != 0)
        {
            return;
        }

        _samples.Add(((float)distanceMeters, (float)speedKnots));
        if (_samples.Count >= MaxSamples)
        {
            for (var i = 0; i < _samples.Count / 2; i++)
            {
                _samples[i] = _samples[i * 2];
            }

            _samples.RemoveRange(_samples.Count / 2, _samples.Count - (_samples.Count / 2));
            _stride *= 2;
        }
    }

    public double MedianDistanceMeters => Median(_samples.Select(s => s.DistanceMeters));

    public double MedianSpeedKnots => Median(_samples.Select(s => s.SpeedKnots));

    private static double Median(IEnumerable<float> values)
    {
        var sorted = values.Where(v => !float.IsNaN(v)).Order().ToList();
        if (sorted.Count == 0)
        {
            return 0;
        }

        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
    }
}
