namespace EDTF.Streaming.Cli;

/// <summary>Runs file work that cannot stop part-way on a worker thread; the shutdown token abandons it with exit code 130, as Ctrl+C would without a handler.</summary>
internal static class Interruptible
{
    /// <summary>Exit code of a command stopped by SIGINT or SIGTERM.</summary>
    public const int InterruptedExitCode = 130;

    public static Task<int> RunAsync(Func<int> work, CancellationToken cancellationToken) =>
        RunAsync(() => Task.FromResult(work()), cancellationToken);

    public static async Task<int> RunAsync(Func<Task<int>> work, CancellationToken cancellationToken)
    {
        var task = Task.Run(work, CancellationToken.None);
        try
        {
            return await task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return InterruptedExitCode;
        }
    }
}
