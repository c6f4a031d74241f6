using System.Net.Http.Json;
using System.Text.Json;
using Backend.Tests.Api;
using Backend.Tests.Infrastructure;
using Npgsql;
using Xunit;
using static Backend.Tests.Reconciliation.Journals;

namespace Backend.Tests.Reconciliation;

/// <summary>
/// PostgreSQL taken away from the backend (a relay in front of it is cut) while a clone's records are stored:
/// the consumer fails its passes, keeps retrying, and once the database is back catches the clone as if nothing
/// had happened. (The embedded SQLite file cannot go away without the process.)
/// </summary>
public sealed class DatabaseOutageTests
{
    [Fact]
    public async Task The_consumer_survives_the_database_going_away_and_catches_up()
    {
        await using var database = await TestDatabase.CreateAsync("postgres");
        await using var journals = new Journals(database);
        var target = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        await using var relay = new TcpProxy(target.Host!, target.Port);
        var relayed = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Host = "127.0.0.1", Port = relay.Port, Timeout = 3 }.ToString();
        byte[] card = Uid(300);
        await journals.RegisterCardAsync(card, Morning.AddHours(-1));
        await journals.LoadAsync(card, 1000, Morning.AddHours(-1), "issue");

        await using var host = await ReconciliationHost.StartAsync(database, new Dictionary<string, string?> { ["Backend:Store:Postgres"] = relayed });
        await journals.UploadAsync(301, Tap(1, Morning.AddHours(1), card, 2, 250, 750));
        await Backend.Tests.Ingest.Eventually.TrueAsync(async () => await CountersAsync(host, "recordsExamined") == 1, "the first tap examined");

        relay.Cut();
        await journals.UploadAsync(302, Tap(1, Morning.AddHours(3), card, 2, 180, 820));
        await Backend.Tests.Ingest.Eventually.TrueAsync(async () => await CountersAsync(host, "failures") >= 2, "passes failing while the database is away");
        Assert.Equal(0, await database.CountAsync("select count(*) from findings"));

        relay.Restore();
        await Backend.Tests.Ingest.Eventually.TrueAsync(
            async () => await database.TextAsync("select status from cards where uid = @uid", ("uid", Hex(card))) == "blocked", "the clone blocked after the outage", seconds: 30);
        await Backend.Tests.Ingest.Eventually.TrueAsync(
            () => Task.FromResult(host.Catalog.Snapshot().Listings.Any(l => l.KeyHex == Hex(card))), "the clone blacklisted");
        var finding = Assert.Single(await StoredFinding.AllAsync(database), f => f.Rule == "counter_repeated");
        Assert.Equal(["301/1", "302/1"], finding.RecordKeys);
    }

    private static async Task<long> CountersAsync(ReconciliationHost host, string name) =>
        (await host.Client.GetFromJsonAsync<JsonElement>("/api/reconciliation/counters")).GetProperty(name).GetInt64();
}
