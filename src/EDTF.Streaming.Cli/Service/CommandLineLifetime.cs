using Microsoft.Extensions.Hosting;

namespace EDTF.Streaming.Cli.Service;

/// <summary>
/// A host lifetime that leaves SIGINT and SIGTERM to <see cref="ShutdownSignal"/>: the host stops when the command's token is
/// cancelled (<c>WaitForShutdownAsync(token)</c>), when its owner stops it, or when the service stops itself; it replaces
/// the console lifetime, which would register the same signals a second time.
/// </summary>
internal sealed class CommandLineLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
