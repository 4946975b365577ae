namespace EDTF.Streaming.Detection.Tests.Pipeline;

/// <summary>
/// Tests that measure retained memory with <see cref="GC.GetTotalMemory(bool)"/>: the figure is process-wide, so they run in
/// this collection, which xunit runs alone once the parallel collections have finished (their allocations would count).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasurement
{
    public const string Name = "Memory measurement (alone)";
}
