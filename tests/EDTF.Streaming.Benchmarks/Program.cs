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

        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
    }
}
