using System.Diagnostics;
using EDTF.Streaming.Tests;

namespace EDTF.Streaming.Cli.Tests.Streaming;

/// <summary>A child <c>edtf run</c> process.</summary>
internal sealed class ServiceProcess : IDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource<string> _address = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly HttpClient _http = new();
    private readonly System.Text.StringBuilder _log = new();
    private string _lastMetrics = "";

    private ServiceProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line && line.StartsWith("metrics: ", StringComparison.Ordinal))
            {
                _address.TrySetResult(line["metrics: ".Length..].Replace("/metrics", "", StringComparison.Ordinal));
            }

            lock (_log)
            {
                _log.AppendLine(e.Data);
            }
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            lock (_log)
            {
                _log.AppendLine(e.Data);
            }
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Everything the child wrote (logs, stdout and stderr) so far.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public static ServiceProcess Start(string bootstrap, TopicSet topics, IReadOnlyDictionary<string, string>? extra = null)
    {
        var psi = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "edtf"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add("run");
        foreach (var (key, value) in ServiceUnderTest.Settings(bootstrap, topics).Concat((extra ?? new Dictionary<string, string>()).Select(kv => new KeyValuePair<string, string?>(kv.Key, kv.Value))))
        {
            psi.ArgumentList.Add("--set");
            psi.ArgumentList.Add($"{key}={value}");
        }

        return new ServiceProcess(Process.Start(psi) ?? throw new InvalidOperationException("edtf did not start"));
    }

    public async Task WaitUntilProcessedAsync(int records, TimeSpan timeout) =>
        await WaitAsync(m => m.GetValueOrDefault("edtf_processing_latency_seconds_count") >= records, timeout, $"{records} records processed");

    /// <summary>All input consumed (a restart replays from the rebuild window, so counts include the replay) and nothing waiting.</summary>
    public async Task WaitUntilCaughtUpAsync(int records, TimeSpan timeout) =>
        await WaitAsync(
            m => m.GetValueOrDefault("edtf_processing_latency_seconds_count") >= records
                && m.Where(kv => kv.Key.StartsWith("edtf_consumer_lag_records{", StringComparison.Ordinal)).Sum(kv => kv.Value) == 0
                && m.Keys.Any(k => k.StartsWith("edtf_consumer_lag_records{", StringComparison.Ordinal)),
            timeout,
            "caught up");

    /// <summary>True when the process is running and its metrics say it holds the detection lease.</summary>
    public async Task<bool> HoldsLeaseAsync()
    {
        if (_process.HasExited || !_address.Task.IsCompletedSuccessfully)
        {
            return false;
        }

        try
        {
            var metrics = ServiceUnderTest.ParseMetrics(await _http.GetStringAsync(_address.Task.Result + "/metrics"));
            return metrics.GetValueOrDefault("edtf_lease_held") == 1;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    /// <summary>The child's metrics now.</summary>
    public async Task<Dictionary<string, double>> MetricsAsync(TimeSpan timeout)
    {
        var address = await _address.Task.WaitAsync(timeout);
        return ServiceUnderTest.ParseMetrics(await _http.GetStringAsync(address + "/metrics"));
    }

    /// <summary>Waits until <paramref name="done"/> holds for the child's metrics.</summary>
    public Task WaitForAsync(Func<Dictionary<string, double>, bool> done, TimeSpan timeout, string what) => WaitAsync(done, timeout, what);

    public void Kill() => _process.Kill(entireProcessTree: true);

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.WaitForExit(10_000);
        _process.Dispose();
        _http.Dispose();
    }

    private async Task WaitAsync(Func<Dictionary<string, double>, bool> done, TimeSpan timeout, string what)
    {
        var address = await _address.Task.WaitAsync(timeout);
        var (_, reached) = await Eventually.PollAsync(
            async () =>
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"edtf run exited with {_process.ExitCode} before {what}");
                }

                try
                {
                    _lastMetrics = await _http.GetStringAsync(address + "/metrics");
                    return done(ServiceUnderTest.ParseMetrics(_lastMetrics));
                }
                catch (HttpRequestException)
                {
                    return false; // not listening yet
                }
            },
            reached => reached,
            timeout);
        if (reached)
        {
            return;
        }

        var metrics = string.Join('\n', _lastMetrics.Split('\n').Where(l => l.StartsWith("edtf_", StringComparison.Ordinal) && !l.Contains("_bucket", StringComparison.Ordinal)));
        throw new TimeoutException($"edtf run: not {what} within {timeout}\n{metrics}\n{_log}");
    }
}
