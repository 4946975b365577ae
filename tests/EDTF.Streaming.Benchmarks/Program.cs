using BenchmarkDotNet.Running;

namespace EDTF.Streaming.Benchmarks;

internal static class BenchmarkProgram
{
    public static void Main(string[] args)
    {
        if (args is ["replay-ab", var path])
        {
            Replay.ReplayThroughput.Run(path);
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
    }
}
