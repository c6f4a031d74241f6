using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Backend.Tests.Infrastructure;

/// <summary>
/// A private Mosquitto process on a free loopback port, with its configuration written
/// by the test; it can be stopped and started again on the same port to simulate an outage.
/// </summary>
public sealed class MosquittoBroker : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("busfare-mosquitto-").FullName;
    private Process? _process;
    private int[] _otherPorts = [];

    private MosquittoBroker(int port, string config)
    {
        Port = port;
        File.WriteAllText(ConfigPath, config);
    }

    public int Port { get; }

    public string ConfigPath => Path.Combine(_directory, "mosquitto.conf");

    public string LogPath => Path.Combine(_directory, "mosquitto.log");

    public static async Task<MosquittoBroker> StartAsync(string extraConfig = "allow_anonymous true")
    {
        var port = FreePort();
        var broker = new MosquittoBroker(port, $"listener {port} 127.0.0.1\n{extraConfig}\n");
        await broker.StartAsync();
        return broker;
    }

    /// <summary>A Mosquitto whose configuration declares its own listeners (no plaintext one of the test's); every port is waited for.</summary>
    public static async Task<MosquittoBroker> StartWithOwnListenersAsync(string config, int port, params int[] otherPorts)
    {
        var broker = new MosquittoBroker(port, config) { _otherPorts = otherPorts };
        await broker.StartAsync();
        return broker;
    }

    public async Task StartAsync()
    {
        var start = new ProcessStartInfo(TestEnvironment.MosquittoExecutable, ["-c", ConfigPath])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("mosquitto did not start");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"mosquitto exited with {_process.ExitCode}: {await _process.StandardError.ReadToEndAsync()}");
            }

            if (await AcceptsConnectionsAsync(Port) && await AllAcceptConnectionsAsync(_otherPorts))
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"mosquitto did not listen on 127.0.0.1:{Port} within 10 s");
    }

    public async Task StopAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private static async Task<bool> AllAcceptConnectionsAsync(int[] ports)
    {
        foreach (var port in ports)
        {
            if (!await AcceptsConnectionsAsync(port))
            {
                return false;
            }
        }

        return true;
    }

    private static async Task<bool> AcceptsConnectionsAsync(int port)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
