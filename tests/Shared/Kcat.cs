using System.Diagnostics;

namespace EDTF.Streaming.Tests;

/// <summary>Runs Debian's <c>kcat</c> as an independent Kafka client; fails with a clear message when it is not installed.</summary>
internal static class Kcat
{
    private static readonly Lazy<string?> Executable = new(() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(d => new[] { Path.Combine(d, "kcat"), Path.Combine(d, "kafkacat") })
            .FirstOrDefault(File.Exists));

    public static string Path_ => Executable.Value
        ?? throw new InvalidOperationException("kcat is not installed: these tests use it as an independent Kafka client. Install it with 'apt-get install -y kcat'.");

    /// <summary>Runs kcat with <paramref name="args"/>, writing <paramref name="stdin"/> to it; returns stdout, throws on a non-zero exit.</summary>
    public static async Task<string> RunAsync(IEnumerable<string> args, string? stdin = null, TimeSpan? timeout = null)
    {
        var psi = new ProcessStartInfo(Path_)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException("kcat did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin).ConfigureAwait(false);
        }

        process.StandardInput.Close();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kcat {string.Join(' ', psi.ArgumentList)} did not finish: {await stderr.ConfigureAwait(false)}");
        }

        var output = await stdout.ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"kcat {string.Join(' ', psi.ArgumentList)} exited {process.ExitCode}: {await stderr.ConfigureAwait(false)}");
        }

        return output;
    }
}
