using System.Net.Http.Json;
using Backend.Ingest.Api;
using Backend.Ingest.Status;
using Backend.Tests.Ingest;
using Backend.Tests.Web;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Backend.Tests.Status;

/// <summary>The running backend as an operator reads it: GET /api/terminals and GET /api/fleet/counters.</summary>
internal sealed class FleetClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly IServiceProvider _services;
    private bool _keyed;

    public FleetClient(IServiceProvider services)
    {
        _services = services;
        var address = services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _http = new HttpClient { BaseAddress = new Uri(address) };
    }

    public async Task<StatusCountersSnapshot> CountersAsync() =>
        (await _http.GetFromJsonAsync<StatusCountersSnapshot>("api/fleet/counters"))!;

    public async Task<TerminalView?> TerminalAsync(uint id)
    {
        await KeyAsync();
        return (await _http.GetFromJsonAsync<List<TerminalView>>("api/terminals"))!.SingleOrDefault(t => t.TerminalId == id);
    }

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
        try
        {
            await KeyAsync();
        }
        catch (System.Data.Common.DbException)
        {
            return null;
        }

        using var response = await _http.GetAsync("api/terminals");
        if ((int)response.StatusCode >= 500)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<List<TerminalView>>())!.SingleOrDefault(t => t.TerminalId == id);
    }

    /// <summary>
    /// The counters are open; the terminal list needs an API key, issued on first use, as the backend may have started
    /// with its database down (counters then answer, the key cannot be issued yet).
    /// </summary>
    private async Task KeyAsync()
    {
        if (!_keyed)
        {
            (await StaffKeys.IssueAsync(_services, "fleet-client")).Authorize(_http);
            _keyed = true;
        }
    }

    public void Dispose() => _http.Dispose();
}
