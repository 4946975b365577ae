using System.Runtime.InteropServices;

namespace EDTF.Streaming.Cli;

/// <summary>
/// The one way <c>edtf</c> shuts down: the first SIGINT (Ctrl+C) or SIGTERM cancels <see cref="Token"/>, which every command
/// receives, and the process keeps running until the command has stopped; a second signal terminates it at once.
/// </summary>
internal sealed class ShutdownSignal : IDisposable
{
    private readonly CancellationTokenSource _cts = new();
    private readonly PosixSignalRegistration _sigint;
    private readonly PosixSignalRegistration _sigterm;

    public ShutdownSignal()
    {
        _sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        _sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
    }

    public CancellationToken Token => _cts.Token;

    public void Dispose()
    {
        _sigint.Dispose();
        _sigterm.Dispose();
        _cts.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = !_cts.IsCancellationRequested;
        _cts.Cancel();
    }
}
