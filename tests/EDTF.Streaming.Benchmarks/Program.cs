using BenchmarkDotNet.Running;

namespace EDTF.Streaming.Benchmarks;

internal static class BenchmarkProgram
{
    public static void Main(string[] args) =>
        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
}
