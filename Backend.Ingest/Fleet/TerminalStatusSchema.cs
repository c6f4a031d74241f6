using Microsoft.Extensions.Hosting;

namespace Backend.Ingest.Fleet;

/// <summary>Creates <c>terminal_status</c> when the host starts, before the status consumer or the API touch it.</summary>
internal sealed class TerminalStatusSchema(TerminalStatusStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.InitializeAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
