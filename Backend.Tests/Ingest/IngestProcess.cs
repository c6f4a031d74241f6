using System.Diagnostics;
using System.Net.Http.Json;
using Backend.Ingest.Hosting;
using Backend.Ingest.Ingest;

namespace Backend.Tests.Ingest;

/// <summary>
/// The built backend in a process of its own, configured on its command line
/// (<c>dotnet Backend.Ingest.dll --Backend:Mode Production ...</c>), as an operator scales out ingest.
/// </summary>
internal sealed class IngestProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly HttpClient _http;
    private readonly System.Text.StringBuilder _output = new();

    private IngestProcess(Process process, int httpPort)
    {
        _process = process;
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}/") };
    }

    /// <param name="extra">More command-line configuration, applied over the test's (e.g. the console log's format).</param>
    public static async Task<IngestProcess> StartAsync(int brokerPort, TestDatabase store, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var httpPort = FreePort();
        var settings = IngestHost.Settings(BackendMode.Production, brokerPort, store, workers: 1);
        settings["Urls"] = $"http://127.0.0.1:{httpPort}";
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Directory.CreateTempSubdirectory("busfare-ingest-").FullName,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Backend.Ingest.dll"));
        foreach (var (key, value) in settings.Where(s => s.Value is not null))
        {
            start.ArgumentList.Add($"--{key}={value}");
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var ingest = new IngestProcess(process, httpPort);
        process.OutputDataReceived += (_, e) => ingest.Log(e.Data);
        process.ErrorDataReceived += (_, e) => ingest.Log(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await Eventually.TrueAsync(async () =>
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"the ingest process exited with {process.ExitCode}:\n{ingest.Output}");
            }

            try
            {
                return (await ingest.CountersAsync()).ConnectedWorkers == 1;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, "the ingest process did not connect", seconds: 30);
        return ingest;
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public async Task<IngestCountersSnapshot> CountersAsync() =>
        (await _http.GetFromJsonAsync<IngestCountersSnapshot>("api/ingest/counters"))!;

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Log(string? line)
    {
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
