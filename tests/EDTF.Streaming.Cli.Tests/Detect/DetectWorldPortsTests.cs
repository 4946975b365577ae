using System.Text.Json;
using EDTF.Streaming.Tests;

namespace EDTF.Streaming.Cli.Tests.Detect;

/// <summary>
/// <c>edtf detect</c> with the world port set on a real capture (exactEarth satellite AIS off New Zealand, 2012, from
/// AMSA risky): three of its five transfers are ships moored at Auckland's quays, which only the world set knows.
/// </summary>
public sealed class DetectWorldPortsTests : IDisposable
{
    private const double AucklandLat = -36.83;
    private const double AucklandLon = 174.80;
    private readonly string _dir = Directory.CreateTempSubdirectory("edtf-worldports-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private async Task<List<JsonElement>> Transfers(params string[] args)
    {
        var output = Path.Combine(_dir, Guid.NewGuid().ToString("N") + ".jsonl");
        var result = await Cli.RunAsync(["detect", "--input", TestPaths.AisData("amsa-risky/exact-earth-augmented-2.txt"), "--scope", "all", "--quiet", "--output", output, .. args]);
        result.ExitCode.Should().Be(0, result.Error);
        return (await File.ReadAllLinesAsync(output)).Select(l => JsonDocument.Parse(l).RootElement)
            .Where(a => a.GetProperty("type").GetString() == "ShipToShipTransfer").ToList();
    }

    private static double KmFromAuckland(JsonElement alert)
    {
        var p = alert.GetProperty("position");
        var dLat = p.GetProperty("lat").GetDouble() - AucklandLat;
        var dLon = (p.GetProperty("lon").GetDouble() - AucklandLon) * Math.Cos(AucklandLat * Math.PI / 180);
        return Math.Sqrt((dLat * dLat) + (dLon * dLon)) * 111.32;
    }

    [Fact]
    public async Task RunAsync_RealCaptureMooredAtAucklandQuays_WorldPortsExcludeThem()
    {
        var without = await Transfers("--no-world-ports");
        var with = await Transfers();

        without.Should().HaveCount(5);
        without.Where(a => KmFromAuckland(a) < 5).Should().HaveCount(3, "three ships moored side by side at Auckland's quays");
        with.Should().HaveCount(2).And.OnlyContain(a => KmFromAuckland(a) > 15);
    }

    [Fact]
    public async Task RunAsync_WorldPortsFile_ReadInsteadOfTheShippedOne()
    {
        var csv = Path.Combine(_dir, "ports.csv");
        await File.WriteAllTextAsync(csv, "locode,country,lat,lon,name\nNZXXX,NZ,-37.54,176.43,Off Tauranga (test)\n");

        var transfers = await Transfers("--world-ports", csv);

        transfers.Should().HaveCount(4, "Auckland is not in this file; the pair off Tauranga now is in a port");
        transfers.Should().NotContain(a => a.GetProperty("position").GetProperty("lon").GetDouble() > 176);
    }
}
