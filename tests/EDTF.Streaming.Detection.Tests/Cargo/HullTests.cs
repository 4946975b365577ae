using EDTF.Streaming.Detection.Cargo;

namespace EDTF.Streaming.Detection.Tests.Cargo;

public class HullTests
{
    [Fact]
    public void TonnesPerCm_MediumRangeTanker183By32_AboutFiftyOneTonnes()
    {
        // A 47,000 dwt MR product tanker (183 m x 32.2 m) publishes a TPC of about 50-52 t/cm.
        var tpc = Hull.TonnesPerCm(Hull.WaterplaneCoefficient(80), 183, 32.2, 1.025);

        tpc.Should().BeInRange(50, 52, "Cw 0.85 x 183 x 32.2 x 1.025 / 100 = 51.3");
    }

    [Fact]
    public void WaterplaneCoefficient_ByShipType_TankerAndCargoFullerThanOthers()
    {
        Hull.WaterplaneCoefficient(84).Should().Be(0.85, "tankers are full-bodied");
        Hull.WaterplaneCoefficient(70).Should().Be(0.85, "cargo ships (bulk carriers) too");
        Hull.WaterplaneCoefficient(null).Should().Be(0.75, "an unknown type gets a general cargo ship's");
    }

    [Fact]
    public void Tonnes_TwoMetresOnMediumRangeTanker_RangeAroundEstimate()
    {
        var t = Hull.Tonnes(-2.0, 80, 183, 32.2, new CargoOptions());

        t.Estimate.Should().BeApproximately(200 * t.TonnesPerCm, 0.001, "tonnes = draught change in cm x TPC, whatever its sign");
        t.Low.Should().BeApproximately(190 * Hull.TonnesPerCm(0.80, 183, 32.2, 1.025), 0.001, "low: 0.1 m less, Cw 0.05 less");
        t.High.Should().BeApproximately(210 * Hull.TonnesPerCm(0.90, 183, 32.2, 1.025), 0.001, "high: 0.1 m more, Cw 0.05 more");
    }

    [Fact]
    public void Combine_OverlappingRanges_NarrowedToOverlap()
    {
        var c = Hull.Combine(new TonnesRange(1000, 800, 1200, 50), new TonnesRange(1100, 900, 1300, 40));

        c.Should().Be(new TonnesRange(1050, 900, 1200, double.NaN), "both sides of a transfer narrow the estimate");
    }

    [Fact]
    public void Combine_DisjointRanges_Union()
    {
        var c = Hull.Combine(new TonnesRange(500, 400, 600, 50), new TonnesRange(1000, 900, 1100, 40));

        (c.Low, c.High).Should().Be((400, 1100), "disagreeing sides widen rather than invent an overlap");
    }
}
