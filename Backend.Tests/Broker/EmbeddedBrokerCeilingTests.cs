using Backend.Ingest.Broker;
using Backend.Ingest.Health;
using Backend.Ingest.Hosting;
using Backend.Ingest.Provisioning;
using Backend.Tests.Health;
using Backend.Tests.Ingest;
using Microsoft.Extensions.DependencyInjection;
using Terminal.Emulator.Fleet;
using Xunit;

namespace Backend.Tests.Broker;

/// <summary>
/// The embedded broker's documented ceiling: a backend with more terminals provisioned than it is degraded on
/// /health/ready with the warning, within it ok; `fleet` asked for more buses says so before it starts anything.
/// </summary>
public sealed class EmbeddedBrokerCeilingTests
{
    [Fact]
    public async Task MoreTerminalsThanTheCeilingDegradeReadinessWithTheWarning()
    {
        var database = await TestDatabase.CreateAsync("sqlite");
        await using var backend = await IngestHost.StartAsync(BackendMode.Embedded, 0, database);
        using var http = new HttpClient { BaseAddress = new Uri(backend.WebAddress) };
        var store = backend.Services.GetRequiredService<TerminalCredentialStore>();
        store.ProvisionMany(Enumerable.Range(1, EmbeddedBrokerCeiling.Terminals).Select(n => (uint)n));

        var within = await HealthProbe.GetAsync(http, "/health/ready");
        Assert.Equal("ok", within.StatusOf(EmbeddedBrokerCeilingHealthCheck.Name));
        Assert.Contains($"{EmbeddedBrokerCeiling.Terminals:N0} terminals provisioned", within.Checks[EmbeddedBrokerCeilingHealthCheck.Name].Description);

        store.Provision(EmbeddedBrokerCeiling.Terminals + 1);
        var beyond = await HealthProbe.GetAsync(http, "/health/ready");
        Assert.Equal(System.Net.HttpStatusCode.OK, beyond.Code);
        Assert.Equal("degraded", beyond.StatusOf(EmbeddedBrokerCeilingHealthCheck.Name));
        Assert.Contains($"asked to serve {EmbeddedBrokerCeiling.Terminals + 1:N0} terminals", beyond.Checks[EmbeddedBrokerCeilingHealthCheck.Name].Description);
        Assert.Contains("run Mosquitto", beyond.Checks[EmbeddedBrokerCeilingHealthCheck.Name].Description);
    }

    [Theory]
    [InlineData(EmbeddedBrokerCeiling.Terminals, false)]
    [InlineData(EmbeddedBrokerCeiling.Terminals + 1, true)]
    public async Task FleetWarnsWhenAskedForMoreBusesThanTheCeiling(int buses, bool warns)
    {
        var output = new StringWriter();

        // A schedule it refuses ends the run right after the checks, before any backend or bus starts.
        var exit = await FleetCommand.RunAsync(buses, 1, 0, 1, "not a schedule", false, TextReader.Null, output, CancellationToken.None);

        Assert.Equal(2, exit);
        Assert.Equal(warns, output.ToString().Contains($"Warning: The embedded broker is asked to serve {buses:N0} terminals"));
    }
}
