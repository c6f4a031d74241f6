using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Terminal.Emulator.Fleet;

/// <summary>
/// A private Mosquitto on a loopback port, configured by the backend's generated <c>busfare.conf</c> (dynamic
/// security with the provisioned identities, the queue and size limits) in a data folder; killed when disposed.
/// </summary>
public sealed class MosquittoProcess : IAsyncDisposable
{
    private static readonly TimeSpan Listening = TimeSpan.FromSeconds(15);

    private readonly Process _process;

    private MosquittoProcess(Process process, int port) => (_process, Port) = (process, port);

    public int Port { get; }

    public int ProcessId => _process.Id;

    /// <summary>Starts <paramref name="executable"/> on <paramref name="folder"/>'s busfare.conf with a listener on <paramref name="port"/>.</summary>
    public static async Task<MosquittoProcess> StartAsync(string executable, string folder, int port, CancellationToken cancellation)
    {
        var config = Path.Combine(folder, "mosquitto.conf");
        await File.WriteAllTextAsync(config, $"listener {port} 127.0.0.1\npersistence false\n"
            + await File.ReadAllTextAsync(Path.Combine(folder, Backend.Ingest.Provisioning.MosquittoFiles.ConfigFileName), cancellation), cancellation);
        var process = Process.Start(new ProcessStartInfo(executable, ["-c", config]) { RedirectStandardError = true, RedirectStandardOutput = true })
            ?? throw new InvalidOperationException($"{executable} did not start.");
        process.BeginOutputReadLine();
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < Listening)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"mosquitto exited with {process.ExitCode}: {await process.StandardError.ReadToEndAsync(cancellation)}");
            }

            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await socket.ConnectAsync(IPAddress.Loopback, port, cancellation);
                process.BeginErrorReadLine();
                return new MosquittoProcess(process, port);
            }
            catch (SocketException)
            {
                await Task.Delay(50, cancellation);
            }
        }

        process.Kill();
        throw new TimeoutException($"mosquitto did not listen on 127.0.0.1:{port} within {Listening.TotalSeconds} s");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
