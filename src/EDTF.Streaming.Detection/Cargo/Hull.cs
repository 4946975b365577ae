namespace EDTF.Streaming.Detection.Cargo;

/// <summary>Tonnes from a change of draught: tonnes per centimetre immersion from the reported hull and a waterplane coefficient by ship type.</summary>
internal static class Hull
{
    /// <summary>Waterplane coefficient by AIS ship type: full-bodied tankers (80-89) and cargo ships (70-79, bulk carriers) 0.85, others 0.75.</summary>
    public static double WaterplaneCoefficient(int? shipType) => shipType is >= 70 and <= 89 ? 0.85 : 0.75;

    /// <summary>Tonnes per centimetre immersion: Cw x L x B x density / 100.</summary>
    public static double TonnesPerCm(double waterplaneCoefficient, double lengthMeters, double beamMeters, double seaWaterDensity) =>
        waterplaneCoefficient * lengthMeters * beamMeters * seaWaterDensity / 100;

    /// <summary>Tonnes moved by a draught change of <paramref name="draughtChangeMeters"/> (sign ignored), with a low-high range from the coefficient margin and the draught resolution.</summary>
    public static TonnesRange Tonnes(double draughtChangeMeters, int? shipType, double lengthMeters, double beamMeters, CargoOptions o)
    {
        var cw = WaterplaneCoefficient(shipType);
        var changeCm = Math.Abs(draughtChangeMeters) * 100;
        var resolutionCm = o.DraughtResolutionMeters * 100;
        var tpc = TonnesPerCm(cw, lengthMeters, beamMeters, o.SeaWaterDensity);
        var low = Math.Max(0, changeCm - resolutionCm) * TonnesPerCm(cw - o.WaterplaneCoefficientMargin, lengthMeters, beamMeters, o.SeaWaterDensity);
        var high = (changeCm + resolutionCm) * TonnesPerCm(cw + o.WaterplaneCoefficientMargin, lengthMeters, beamMeters, o.SeaWaterDensity);
        return new TonnesRange(changeCm * tpc, low, high, tpc);
    }

    /// <summary>Two estimates of one cargo (giver and receiver of a transfer): the mean, within the overlap of their ranges (their union when they do not overlap).</summary>
    public static TonnesRange Combine(TonnesRange a, TonnesRange b)
    {
        var low = Math.Max(a.Low, b.Low);
        var high = Math.Min(a.High, b.High);
        if (low > high)
        {
            (low, high) = (Math.Min(a.Low, b.Low), Math.Max(a.High, b.High));
        }

        return new TonnesRange(Math.Clamp((a.Estimate + b.Estimate) / 2, low, high), low, high, double.NaN);
    }
}

/// <summary>An estimate in tonnes with its low-high range; <paramref name="TonnesPerCm"/> is NaN for a combined estimate.</summary>
internal readonly record struct TonnesRange(double Estimate, double Low, double High, double TonnesPerCm);
