using EDTF.Streaming.Detection.Dark;
using static EDTF.Streaming.Detection.Tests.Support.Some;

namespace EDTF.Streaming.Detection.Tests.Dark;

public class ReceptionModelTests
{
    [Fact]
    public void Add_CellsUnheardForTheWholeWindow_Dropped()
    {
        var model = new ReceptionModel();
        model.Add(38.5, 124.5, T0, station: 0);
        model.Add(10, 10, T0 + Hours(ReceptionModel.HoursKept + 30), station: 0);

        model.Cells.Should().Be(1, "the first cell was not heard within the last {0} hours", ReceptionModel.HoursKept);
    }

    [Fact]
    public void AreaHeard_HeardEveryOtherHour_HalfTheHours()
    {
        var model = new ReceptionModel();
        for (var h = 0; h < 10; h += 2)
        {
            model.Add(38.5, 124.5, T0 + Hours(h) + Minutes(30), station: 0);
        }

        model.AreaHeard(0, 38.5, 124.5, 38.5, 124.5, T0 - Minutes(1), T0 + Hours(10)).Should().Be((10, 5), "hours 0-9 lie inside the gap, five of them heard");
    }

    [Fact]
    public void StationHeard_StationQuietWhileAnotherHeard_CountsOnlyItsOwnHours()
    {
        var model = new ReceptionModel();
        model.Add(38.5, 124.5, T0 + Minutes(30), station: 1);
        for (var h = 1; h < 6; h++)
        {
            model.Add(38.5, 124.5, T0 + Hours(h) + Minutes(30), station: 2);
        }

        model.StationHeard(1, T0, T0 + Hours(6)).Should().Be((5, 0));
    }
}
