using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Backend.Tests.Infrastructure;

/// <summary>
/// A loopback TCP relay in front of a server, to take that server away from its clients: <see cref="Cut"/>
/// closes every relayed connection and refuses new ones (the port stops listening), <see cref="Restore"/>
/// listens on the same port again. <see cref="HoldUploads"/> keeps what the clients send from reaching the server
/// (the connections stay up) until <see cref="ReleaseUploads"/>.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly IPEndPoint _target;
    private readonly ConcurrentDictionary<Socket, byte> _sockets = new();
    private TcpListener? _listener;
    private Task _accepting = Task.CompletedTask;
    private volatile TaskCompletionSource _uploads = Released();

    public TcpProxy(string targetHost, int targetPort)
    {
        _target = new IPEndPoint(Dns.GetHostAddresses(targetHost).First(a => a.AddressFamily == AddressFamily.InterNetwork), targetPort);
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Restore();
    }

    public int Port { get; }

    /// <summary>How many client connections the proxy has accepted so far.</summary>
    public int Accepted { get; private set; }

    public void Restore()
    {
        if (_listener is not null)
        {
            return;
        }

        _listener = new TcpListener(IPAddress.Loopback, Port);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start();
        _accepting = AcceptAsync(_listener);
    }

    public void HoldUploads() => _uploads = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void ReleaseUploads() => _uploads.TrySetResult();

    public void Cut()
    {
        _listener?.Stop();
        _listener = null;
        foreach (var socket in _sockets.Keys)
        {
            Close(socket, abort: true);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Cut();
        await _accepting;
    }

    private async Task AcceptAsync(TcpListener listener)
    {
        while (true)
        {
            Socket client;
            try
            {
                client = await listener.AcceptSocketAsync();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            Accepted++;
            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(Socket client)
    {
        var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _sockets[client] = 0;
        _sockets[server] = 0;
        try
        {
            await server.ConnectAsync(_target);
            await Task.WhenAny(PumpAsync(client, server, upload: true), PumpAsync(server, client, upload: false));
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
        finally
        {
            // A connection that ended by itself closes gracefully: an abort would reset it and the peer could lose
            // the last bytes relayed to it (a client's final PUBACKs and DISCONNECT).
            Close(client, abort: false);
            Close(server, abort: false);
        }
    }

    private async Task PumpAsync(Socket from, Socket to, bool upload)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None);
                if (read == 0)
                {
                    return;
                }

                if (upload)
                {
                    await _uploads.Task;
                }

                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
    }

    private static TaskCompletionSource Released()
    {
        var released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        released.SetResult();
        return released;
    }

    private void Close(Socket socket, bool abort)
    {
        if (_sockets.TryRemove(socket, out _))
        {
            if (abort)
            {
                socket.Close(0);
                return;
            }

            socket.Close();
        }
    }
}
