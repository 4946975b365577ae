using EDTF.Streaming.Detection;
using EDTF.Streaming.Simulation;

namespace EDTF.Streaming.Cli.Demo;

/// <summary>One scripted behaviour, whether it had to be reported, and the alerts that match it.</summary>
internal sealed record BehaviourOutcome(TruthBehaviour Behaviour, bool Expected, IReadOnlyList<AlertUpdate> Alerts);

/// <summary>Expected behaviours of one type found out of all expected of that type.</summary>
internal sealed record TypeScore(string Type, int Found, int Expected);

/// <summary>The result of <see cref="DemoScoring.Score"/>.</summary>
/// <param name="Found">Expected behaviours with at least one matching alert.</param>
/// <param name="Missed">Expected behaviours without one.</param>
/// <param name="FalsePositives">Decoys (must not alert) that some alert matches.</param>
/// <param name="Unscripted">Alerts that match no scripted behaviour at all.</param>
/// <param name="ByType">Found / expected per behaviour type.</param>
/// <param name="Decoys">How many scripted behaviours are decoys.</param>
internal sealed record DemoScore(
    IReadOnlyList<BehaviourOutcome> Found,
    IReadOnlyList<BehaviourOutcome> Missed,
    IReadOnlyList<BehaviourOutcome> FalsePositives,
    IReadOnlyList<AlertUpdate> Unscripted,
    IReadOnlyList<TypeScore> ByType,
    int Decoys)
{
    public int Expected => Found.Count + Missed.Count;

    /// <summary>Every expected behaviour found, no decoy alerted, no alert outside the script (the PASS of <c>edtf score</c>).</summary>
    public bool Perfect => Missed.Count == 0 && FalsePositives.Count == 0 && Unscripted.Count == 0;
}
