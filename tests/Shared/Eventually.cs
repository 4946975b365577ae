namespace EDTF.Streaming.Tests;

/// <summary>
/// Waits for something a test cannot be notified of (a broker's committed offsets, another process's metrics) by looking
/// again every <see cref="PollInterval"/> until it holds or a deadline passes: the one polling loop of the tests.
/// </summary>
internal static class Eventually
{
    /// <summary>Between two looks: short against every deadline, long enough not to load the machine.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>Reads <paramref name="probe"/> until <paramref name="done"/> holds or <paramref name="timeout"/> passes; the last value read, and whether it held.</summary>
    public static async Task<(T Last, bool Done)> PollAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var value = await probe().ConfigureAwait(false);
            if (done(value))
            {
                return (value, true);
            }

            if (DateTime.UtcNow >= deadline)
            {
                return (value, false);
            }

            await Task.Delay(PollInterval).ConfigureAwait(false);
        }
    }

    /// <summary>The same with a synchronous probe.</summary>
    public static Task<(T Last, bool Done)> PollAsync<T>(Func<T> probe, Func<T, bool> done, TimeSpan timeout) =>
        PollAsync(() => Task.FromResult(probe()), done, timeout);
}
