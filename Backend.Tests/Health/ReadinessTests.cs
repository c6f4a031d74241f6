using System.Net;
using Backend.Ingest.Hosting;
using Backend.Tests.Infrastructure;
using Backend.Tests.Ingest;
using Backend.Tests.Storage;
using Microsoft.Data.Sqlite;
using Xunit;

namespace Backend.Tests.Health;

/// <summary>The probes with their dependencies really taken away: the database behind a cut proxy or locked, the broker stopped, the disk short.</summary>
public sealed class ReadinessTests
{
    [Fact]
    public async Task ReadyAnswers503WhilePostgresIsUnreachableAndIngestLagShowsWhileLiveStaysOk()
    {
        var connectionString = await StoreFactory.FreshSchemaAsync();
        await using var proxy = new TcpProxy("127.0.0.1", new Npgsql.NpgsqlConnectionStringBuilder(connectionString).Port);
        var throughProxy = new TestDatabase(StoreKind.Postgres, null, StoreFactory.Through(connectionString, proxy));
        await using var broker = await MosquittoBroker.StartAsync();
        await using var ingest = await IngestHost.StartAsync(BackendMode.Production, broker.Port, throughProxy,
            extra: new Dictionary<string, string?> { ["Backend:Health:MaxIngestLagSeconds"] = "1" });
        using var http = new HttpClient { BaseAddress = new Uri(ingest.WebAddress) };
        await using var terminal = await RawTerminal.ConnectAsync(broker.Port, 31);

        await Eventually.TrueAsync(async () => (await HealthProbe.GetAsync(http, "/health/ready")).Status == "ok", "ready with every check ok");
        var ready = await HealthProbe.GetAsync(http, "/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.Code);
        Assert.Equal(["backup", "broker", "database", "disk", "ingest-lag"], ready.Checks.Keys.Order());
        Assert.Contains("writable", ready.Checks["database"].Description);

        proxy.Cut();
        await terminal.PublishBatchAsync(Batches.Sealed(31, 1, 10));
        await Eventually.TrueAsync(async () => (await HealthProbe.GetAsync(http, "/health/ready")).StatusOf("ingest-lag") == "degraded",
            "the waiting batch should show as ingest lag");
        foreach (var path in new[] { "/health/ready", "/health" })
        {
            var down = await HealthProbe.GetAsync(http, path);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, down.Code);
            Assert.Equal("unavailable", down.Status);
            Assert.Equal("unavailable", down.StatusOf("database"));
            Assert.Contains("not reachable", down.Checks["database"].Description);
            Assert.Contains("1 batches waiting", down.Checks["ingest-lag"].Description);
        }

        var live = await HealthProbe.GetAsync(http, "/health/live");
        Assert.Equal((HttpStatusCode.OK, "ok"), (live.Code, live.Status));
        Assert.Empty(live.Checks);

        proxy.Restore();
        await terminal.WaitForAckAsync(10);
        await Eventually.TrueAsync(async () => (await HealthProbe.GetAsync(http, "/health/ready")).Status == "ok", "ready again once the database is back");
    }

    [Fact]
    public async Task ReadyAnswers503WhileAnotherProcessHoldsSqlitesWriteLock()
    {
        var database = await Ingest.TestDatabase.CreateAsync("sqlite");
        await using var broker = await MosquittoBroker.StartAsync();
        await using var ingest = await IngestHost.StartAsync(BackendMode.Production, broker.Port, database,
            extra: new Dictionary<string, string?> { ["Backend:Health:ProbeTimeoutSeconds"] = "1" });
        using var http = new HttpClient { BaseAddress = new Uri(ingest.WebAddress) };
        await Eventually.TrueAsync(async () => (await HealthProbe.GetAsync(http, "/health/ready")).Status == "ok", "ready with every check ok");

        await using (var holder = new SqliteConnection($"Data Source={database.SqlitePath};Pooling=false"))
        {
            await holder.OpenAsync();
            await using var exclusive = holder.CreateCommand();
            exclusive.CommandText = "begin immediate";
            await exclusive.ExecuteNonQueryAsync();

            var locked = await HealthProbe.GetAsync(http, "/health/ready");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, locked.Code);
            Assert.Equal("unavailable", locked.StatusOf("database"));
            Assert.Contains("not writable", locked.Checks["database"].Description);
        }

        var released = await HealthProbe.GetAsync(http, "/health/ready");
        Assert.Equal((HttpStatusCode.OK, "ok"), (released.Code, released.StatusOf("database")));
    }

    [Fact]
    public async Task ALostBrokerIsDegradedButStillReady()
    {
        var database = await Ingest.TestDatabase.CreateAsync("sqlite");
        await using var broker = await MosquittoBroker.StartAsync();
        await using var ingest = await IngestHost.StartAsync(broker.Port, database);
        using var http = new HttpClient { BaseAddress = new Uri(ingest.WebAddress) };
        await Eventually.TrueAsync(async () => (await HealthProbe.GetAsync(http, "/health/ready")).Status == "ok", "ready with every check ok");

        await broker.StopAsync();
        await Eventually.TrueAsync(async () => (await HealthProbe.GetAsync(http, "/health/ready")).StatusOf("broker") == "degraded", "the broker check should see the loss");
        var degraded = await HealthProbe.GetAsync(http, "/health/ready");
        Assert.Equal((HttpStatusCode.OK, "degraded"), (degraded.Code, degraded.Status));
        Assert.Contains("0 of 1 ingest workers subscribed", degraded.Checks["broker"].Description);

        await broker.StartAsync();
        await Eventually.TrueAsync(async () => (await HealthProbe.GetAsync(http, "/health/ready")).Status == "ok", "ok again once the broker is back", seconds: 40);
    }

    [Theory]
    [InlineData("Backend:Health:DiskWarningMegabytes", HttpStatusCode.OK, "degraded")]
    [InlineData("Backend:Health:DiskMinimumMegabytes", HttpStatusCode.ServiceUnavailable, "unavailable")]
    public async Task TooLittleFreeDiskIsDegradedThenUnready(string threshold, HttpStatusCode code, string status)
    {
        var database = await Ingest.TestDatabase.CreateAsync("sqlite");
        await using var broker = await MosquittoBroker.StartAsync();
        // More than any disk here holds: the check must read the real free space and compare.
        await using var ingest = await IngestHost.StartAsync(BackendMode.Production, broker.Port, database,
            extra: new Dictionary<string, string?> { [threshold] = (1L << 40).ToString() });
        using var http = new HttpClient { BaseAddress = new Uri(ingest.WebAddress) };

        var probe = await HealthProbe.GetAsync(http, "/health/ready");

        Assert.Equal(code, probe.Code);
        Assert.Equal(status, probe.StatusOf("disk"));
        Assert.Matches(@"^\d+ MB free for /", probe.Checks["disk"].Description);
    }
}
