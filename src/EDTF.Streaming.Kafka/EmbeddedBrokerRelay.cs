using System.Net;
using System.Net.Sockets;

namespace EDTF.Streaming.Kafka;

/// <summary>Forwards every TCP connection accepted on a fixed address to one mock broker's random port, byte for byte, both ways.</summary>
internal sealed class EmbeddedBrokerRelay : IDisposable
{
    private const int BufferBytes = 256 * 1024;
    private readonly Socket _listener;
    private readonly IPEndPoint _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly HashSet<Socket> _open = [];
    private readonly Task _acceptLoop;

    public EmbeddedBrokerRelay(IPAddress bindAddress, int port, IPEndPoint target)
    {
        _target = target;
        _listener = new Socket(bindAddress.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        if (OperatingSystem.IsLinux())
        {
            // Plain SO_REUSEADDR (restart while old connections sit in TIME_WAIT); .NET's ReuseAddress also sets SO_REUSEPORT,
            // which would let a second broker share the port silently.
            _listener.SetRawSocketOption(1 /* SOL_SOCKET */, 2 /* SO_REUSEADDR */, BitConverter.GetBytes(1));
        }

        _listener.Bind(new IPEndPoint(bindAddress, port));
        _listener.Listen(128);
        Port = ((IPEndPoint)_listener.LocalEndPoint!).Port;
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>The port the relay listens on (the requested one, or the one the OS chose for 0).</summary>
    public int Port { get; }

    /// <summary>Connections relayed so far.</summary>
    public long ConnectionsAccepted => Interlocked.Read(ref _accepted);

    private long _accepted;

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Dispose();
        lock (_gate)
        {
            foreach (var s in _open)
            {
                s.Dispose();
            }

            _open.Clear();
        }

        try
        {
            _acceptLoop.Wait(TimeSpan.FromSeconds(2));
        }
        catch (AggregateException)
        {
            // the loop ends by an exception when the listener closes
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            Interlocked.Increment(ref _accepted);
            _ = Task.Run(() => RelayAsync(client));
        }
    }

    private async Task RelayAsync(Socket client)
    {
        client.NoDelay = true;
        var upstream = new Socket(_target.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        if (!Track(client) || !Track(upstream))
        {
            client.Dispose();
            upstream.Dispose();
            return;
        }

        try
        {
            await upstream.ConnectAsync(_target, _stop.Token).ConfigureAwait(false);
            await Task.WhenAll(PumpAsync(client, upstream), PumpAsync(upstream, client)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // a peer went away or the relay stops: drop the pair
        }
        finally
        {
            Untrack(client);
            Untrack(upstream);
        }
    }

    private async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = GC.AllocateUninitializedArray<byte>(BufferBytes);
        try
        {
            while (true)
            {
                var n = await from.ReceiveAsync(buffer, SocketFlags.None, _stop.Token).ConfigureAwait(false);
                if (n == 0)
                {
                    break;
                }

                var sent = 0;
                while (sent < n)
                {
                    sent += await to.SendAsync(buffer.AsMemory(sent, n - sent), SocketFlags.None, _stop.Token).ConfigureAwait(false);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // fall through: close both directions
        }

        try
        {
            to.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is ObjectDisposedException or SocketException)
        {
            // already closed
        }
    }

    private bool Track(Socket s)
    {
        lock (_gate)
        {
            if (_stop.IsCancellationRequested)
            {
                return false;
            }

            _open.Add(s);
            return true;
        }
    }

    private void Untrack(Socket s)
    {
        lock (_gate)
        {
            _open.Remove(s);
        }

        s.Dispose();
    }
}
