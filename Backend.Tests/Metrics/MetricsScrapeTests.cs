using System.Net;
using System.Text.Json;
using Backend.Ingest.Hosting;
using Backend.Tests.Infrastructure;
using Backend.Tests.Ingest;
using Backend.Tests.Storage;
using Terminal.Firmware.Downlink;
using Xunit;

namespace Backend.Tests.Metrics;

/// <summary>/metrics scraped from loopback after real traffic through Mosquitto: the figures are the traffic's.</summary>
public sealed class MetricsScrapeTests
{
    [Fact]
    public async Task AScrapeAfterTrafficCountsTheRecordsTheAcksAndEachTerminalsBacklog()
    {
        var database = await Ingest.TestDatabase.CreateAsync("sqlite");
        await using var broker = await MosquittoBroker.StartAsync();
        await using var ingest = await IngestHost.StartAsync(broker.Port, database);
        using var http = new HttpClient { BaseAddress = new Uri(ingest.WebAddress) };
        await using var first = await RawTerminal.ConnectAsync(broker.Port, 41);
        await using var second = await RawTerminal.ConnectAsync(broker.Port, 42);
        // Another backend in the same process (as the emulator and the tests host them): its figures must stay its own.
        await using var otherBroker = await MosquittoBroker.StartAsync();
        await using var other = await IngestHost.StartAsync(otherBroker.Port, await Ingest.TestDatabase.CreateAsync("sqlite"));
        using var otherHttp = new HttpClient { BaseAddress = new Uri(other.WebAddress) };

        await first.PublishBatchAsync(Batches.Sealed(41, 1, 20));
        await first.WaitForAckAsync(20);
        await first.PublishBatchAsync(Batches.Sealed(41, 21, 5));
        await first.WaitForAckAsync(25);
        await second.PublishBatchAsync(Batches.Sealed(42, 1, 3));
        await second.WaitForAckAsync(3);
        // A resend: stored once, counted as duplicates.
        await second.PublishBatchAsync(Batches.Sealed(42, 1, 3));
        await Eventually.TrueAsync(() => Task.FromResult(second.Acks.Count == 2), "the resend's ack");
        await first.PublishAsync(DownlinkTopics.Status(41), StatusPayload(41, backlog: 7));
        await second.PublishAsync(DownlinkTopics.Status(42), StatusPayload(42, backlog: 0));
        await Eventually.TrueAsync(async () => (await ScrapeAsync(http)).Samples.Count(s => s.Name == "busfare_fleet_journal_backlog") == 2,
            "both terminals' backlog");

        var scrape = await ScrapeAsync(http);
        Assert.Equal(28, scrape.Value("busfare_ingest_records_inserted_total"));
        Assert.Equal(3, scrape.Value("busfare_ingest_duplicate_records_total"));
        Assert.Equal(4, scrape.Value("busfare_ingest_batches_stored_total"));
        Assert.Equal(4, scrape.Value("busfare_ingest_ack_latency_seconds_count"));
        Assert.InRange(scrape.Value("busfare_ingest_ack_latency_seconds_sum"), 0.0, 4 * 20.0);
        Assert.Equal(4, scrape.Value("busfare_ingest_ack_latency_seconds_bucket", "le=\"+Inf\""));
        Assert.Equal(0, scrape.Value("busfare_ingest_waiting_batches"));
        Assert.Equal(0, scrape.Value("busfare_ingest_lag_seconds"));
        Assert.Equal(1, scrape.Value("busfare_ingest_connected_workers"));
        Assert.Equal(7, scrape.Value("busfare_fleet_journal_backlog", "terminal=\"41\""));
        Assert.Equal(0, scrape.Value("busfare_fleet_journal_backlog", "terminal=\"42\""));
        Assert.InRange(scrape.Value("busfare_fleet_status_age_seconds", "terminal=\"41\""), 0.0, 60.0);
        Assert.Equal(2, scrape.Value("busfare_fleet_status_received_total"));
        var otherScrape = await ScrapeAsync(otherHttp);
        Assert.Equal(0, otherScrape.Value("busfare_ingest_records_inserted_total"));
        Assert.DoesNotContain(otherScrape.Samples, sample => sample.Name == "busfare_fleet_journal_backlog");
        // The taps are of cards the registry does not know, so reconciliation raises findings: the same count as its API's.
        await Eventually.TrueAsync(async () =>
        {
            using var reconciliation = JsonDocument.Parse(await http.GetStringAsync("/api/reconciliation/counters"));
            var findings = reconciliation.RootElement.GetProperty("findings").GetInt64();
            return findings > 0 && findings == (await ScrapeAsync(http)).Value("busfare_reconciliation_findings_total");
        }, "reconciliation's findings, as its API counts them");
        Assert.Equal(0, scrape.Value("busfare_payments_webhook_rejected_total"));
    }

    /// <summary>GET /metrics from loopback, where no token is needed.</summary>
    internal static async Task<PrometheusText> ScrapeAsync(HttpClient http)
    {
        using var response = await http.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType);
        return PrometheusText.Parse(await response.Content.ReadAsStringAsync());
    }

    /// <summary>An online status of <paramref name="terminal"/> saying its journal holds <paramref name="backlog"/> unacknowledged records.</summary>
    internal static byte[] StatusPayload(uint terminal, uint backlog)
    {
        var payload = new byte[StatusCodec.Size];
        Assert.True(StatusCodec.Encode(new TerminalStatusReport { TerminalId = terminal, Online = true, FirmwareVersion = 1, JournalBacklog = backlog }, payload, 0));
        return payload;
    }
}
