namespace EDTF.Streaming.Simulation.Tests;

/// <summary>A scenario with a lighter background fleet (and, optionally, only some of its behaviours): its scripted cases, simulated faster.</summary>
internal static class LightScenario
{
    public static ScenarioDefinition Of(ScenarioDefinition full, string suffix, int backgroundVessels, Func<BehaviourDefinition, bool>? keep = null) => new()
    {
        Name = full.Name + suffix,
        Start = full.Start,
        DurationHours = full.DurationHours,
        Seed = full.Seed,
        Background = new BackgroundFleet
        {
            Vessels = backgroundVessels,
            AnchoredFraction = full.Background.AnchoredFraction,
            FishingFraction = full.Background.FishingFraction,
            TankerFraction = full.Background.TankerFraction,
            AnchoragePorts = full.Background.AnchoragePorts,
        },
        Reporting = full.Reporting,
        Reception = full.Reception,
        Noise = full.Noise,
        Rules = full.Rules,
        SeaAreas = full.SeaAreas,
        Outages = full.Outages,
        Behaviours = [.. full.Behaviours.Where(keep ?? (_ => true))],
    };
}
