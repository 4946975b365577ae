namespace EDTF.Streaming.Detection.Snapshots;

/// <summary>Marks state holding receiving-station numbers (<see cref="Pipeline.StationIds"/>: an int, or the int keys of a dictionary): numbers are per process, so a restore translates them.</summary>
[AttributeUsage(AttributeTargets.Field)]
internal sealed class StationNumberAttribute : Attribute;
