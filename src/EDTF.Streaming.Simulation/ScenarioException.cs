namespace EDTF.Streaming.Simulation;

/// <summary>A scenario file that cannot be simulated; the message says what is wrong and where.</summary>
internal sealed class ScenarioException(string message) : Exception(message);
