using Backend.Ingest.Broker;
using Backend.Ingest.Dashboard;
using Backend.Ingest.Hosting;
using Backend.Ingest.Provisioning;
using Backend.Tests.Health;
using Backend.Tests.Ingest;
using Backend.Tests.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Backend.Tests.Broker;

/// <summary>
/// A running backend whose embedded broker has a deliberately tiny queue (5 per client) overrun by a burst for an
/// absent subscriber: the drops show on /metrics, degrade /health/ready and raise the fleet's broker-drops alarm;
/// before them all three are clear.
/// </summary>
public sealed class BrokerDropAlarmTests
{
    private const uint TerminalId = 61;
    private const int Burst = 20;
    private const int Queue = 5;
    private const string BrokerDropsHealthCheckName = Backend.Ingest.Health.BrokerDropsHealthCheck.Name;

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task DropsOfConfirmedMessagesShowOnMetricsHealthAndTheFleetAlarms(string store)
    {
        var database = await TestDatabase.CreateAsync(store);
        await using var backend = await IngestHost.StartAsync(BackendMode.Embedded, 0, database,
            extra: new Dictionary<string, string?> { ["Backend:Broker:Embedded:MaxQueuedMessagesPerClient"] = Queue.ToString() });
        using var http = new HttpClient { BaseAddress = new Uri(backend.WebAddress) };
        var alarms = backend.Services.GetRequiredService<FleetAlarms>();
        var port = backend.Services.GetRequiredService<EmbeddedBroker>().Port;
        var password = backend.Services.GetRequiredService<TerminalCredentialStore>().ProvisionMany([TerminalId])[TerminalId];

        Assert.Equal("ok", (await HealthProbe.GetAsync(http, "/health/ready")).StatusOf(BrokerDropsHealthCheckName));
        Assert.Equal(0, (await MetricsScrapeTests.ScrapeAsync(http)).Value("busfare_broker_dropped_messages_total"));
        Assert.DoesNotContain(await alarms.ListAsync(DateTimeOffset.UtcNow, CancellationToken.None), alarm => alarm.Kind == "broker-drops");

        var delivered = await IngestAwayBurst.DeliveredAsync(port, backend.Services.GetRequiredService<IngestCredentials>(),
            () => MqttProbe.ConnectAsync(port, BrokerIdentity.Terminal(TerminalId), BrokerIdentity.Terminal(TerminalId), password),
            TerminalId, Burst, expected: Queue);

        Assert.Equal(Queue, delivered);
        var dropped = backend.Services.GetRequiredService<BrokerCounters>().DroppedMessages;
        Assert.True(dropped >= Burst - Queue, $"{dropped} dropped");
        await Ingest.Eventually.TrueAsync(async () => (await MetricsScrapeTests.ScrapeAsync(http)).Value("busfare_broker_dropped_messages_total") >= Burst - Queue,
            "the drops on /metrics");
        var ready = await HealthProbe.GetAsync(http, "/health/ready");
        Assert.Equal(System.Net.HttpStatusCode.OK, ready.Code);
        Assert.Equal("degraded", ready.StatusOf(BrokerDropsHealthCheckName));
        Assert.Contains($"{dropped} confirmed messages dropped since start (queue bound {Queue} per client)", ready.Checks[BrokerDropsHealthCheckName].Description);
        var alarm = Assert.Single(await alarms.ListAsync(DateTimeOffset.UtcNow, CancellationToken.None), alarm => alarm.Kind == "broker-drops");
        Assert.Equal("high", alarm.Severity);
        Assert.Contains($"dropped {dropped:N0} messages it had confirmed", alarm.Message);
    }
}
