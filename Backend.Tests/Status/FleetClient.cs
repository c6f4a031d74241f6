using System.Net.Http.Json;
using Backend.Ingest.Api;
using Backend.Ingest.Status;
using Backend.Tests.Ingest;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Backend.Tests.Status;

/// <summary>The running backend as an operator reads it: GET /api/terminals and GET /api/fleet/counters.</summary>
internal sealed class FleetClient : IDisposable
{
    private readonly HttpClient _http;

    public FleetClient(IServiceProvider services)
    {
        var address = services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _http = new HttpClient { BaseAddress = new Uri(address) };
    }

    public async Task<StatusCountersSnapshot> CountersAsync() =>
        (await _http.GetFromJsonAsync<StatusCountersSnapshot>("api/fleet/counters"))!;

    public async Task<TerminalView?> TerminalAsync(uint id) =>
        (await _http.GetFromJsonAsync<List<TerminalView>>("api/terminals"))!.SingleOrDefault(t => t.TerminalId == id);

    public Task WaitUntilConnectedAsync() =>
        Eventually.TrueAsync(async () => (await CountersAsync()).Connected, "the status consumer did not subscribe");

    /// <summary>
    /// Waits until the fleet page shows terminal <paramref name="id"/> as <paramref name="expected"/> says. A server
    /// error counts as "not yet": the page fails while a database just back has no tables yet.
    /// </summary>
    public async Task<TerminalView> WaitForAsync(uint id, Func<TerminalView, bool> expected, string what)
    {
        TerminalView? seen = null;
        await Eventually.TrueAsync(async () => (seen = await TryTerminalAsync(id)) is { } view && expected(view), $"GET /api/terminals shows terminal {id} {what}");
        return seen!;
    }

    private async Task<TerminalView?> TryTerminalAsync(uint id)
    {
        using var response = await _http.GetAsync("api/terminals");
        if ((int)response.StatusCode >= 500)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<List<TerminalView>>())!.SingleOrDefault(t => t.TerminalId == id);
    }

    public void Dispose() => _http.Dispose();
}
