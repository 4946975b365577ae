using BenchmarkDotNet.Running;

namespace EDTF.Streaming.Benchmarks;

internal static class BenchmarkProgram
{
    public static void Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "service")
        {
            Environment.ExitCode = ServiceBenchmark.Run(args[1..]);
            return;
        }

        if (args.Length > 0 && args[0] == "archives")
        {
            Environment.ExitCode = Replay.ArchiveReadBenchmark.Run(args[1..]);
            return;
        }

        if (args.Length > 0 && args[0] == "state")
        {
            Environment.ExitCode = StateBenchmark.Run(args[1..]);
            return;
        }

        if (args is ["replay-ab", var path])
        {
            Replay.ReplayThroughput.Run(path);
            return;
        }

        if (args is ["produce-only", var bootstrap, var n, ..])
        {
            Replay.ProduceThroughput.Run(bootstrap, int.Parse(n, System.Globalization.CultureInfo.InvariantCulture), args.Skip(3));
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
    }
}
