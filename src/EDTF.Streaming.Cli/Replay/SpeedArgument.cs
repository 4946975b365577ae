using System.Globalization;

namespace EDTF.Streaming.Cli.Replay;

/// <summary>Parses a replay speed given on the command line: event-time seconds per second, or <c>max</c> for no pacing.</summary>
internal static class SpeedArgument
{
    /// <summary>What a speed option accepts, for its error message.</summary>
    public const string Expected = "a positive number or 'max'";

    /// <summary>The speed of <paramref name="text"/> (<see cref="double.PositiveInfinity"/> for <c>max</c>); false when it is neither.</summary>
    public static bool TryParse(string text, out double speed)
    {
        if (text.Equals("max", StringComparison.OrdinalIgnoreCase))
        {
            speed = double.PositiveInfinity;
            return true;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out speed) && speed > 0 && double.IsFinite(speed);
    }

    /// <summary>The speed of text already validated by <see cref="TryParse"/>.</summary>
    public static double Parse(string text) =>
        TryParse(text, out var speed) ? speed : throw new CommandLineException($"--speed expects {Expected}, got '{text}'.");
}
