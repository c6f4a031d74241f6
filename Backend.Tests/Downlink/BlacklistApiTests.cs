using System.Net;
using System.Text.Json;
using Backend.Ingest.Broker;
using Backend.Ingest.Downlink;
using Backend.Ingest.Provisioning;
using Backend.Tests.Api;
using Backend.Tests.BackOffice;
using Backend.Tests.Status;
using Microsoft.Extensions.DependencyInjection;
using Terminal.Firmware.Downlink;
using Xunit;
using Xunit.Abstractions;

namespace Backend.Tests.Downlink;

/// <summary>
/// Blocking cards and publishing fare tables over the HTTP API, on both databases: a block reaches a firmware
/// terminal at its next status, a terminal behind by several versions gets one combined delta, the versions outlive
/// the backend, and every bad request is answered.
/// </summary>
public sealed class BlacklistApiTests(ITestOutputHelper output)
{
    private const string CardA = "04A1B2C3D4E5F6";
    private const string CardB = "04A1B2C3D4E5F7";
    private const string CardC = "11223344";

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ABlockOverHttpReachesAFirmwareTerminalAtItsNextStatusAndLaggingTerminalsGetOneDelta(string kind)
    {
        await using var backend = await BackOfficeHost.StartAsync(kind);
        foreach (var card in new[] { CardA, CardB, CardC })
        {
            await backend.AddCardAsync(card);
        }

        var planner = backend.Services.GetRequiredService<DownlinkPlanner>();
        var terminal = new LoopbackTerminal(41, backend.Services.GetRequiredService<DownlinkSigner>());
        await terminal.ExchangeAsync(planner);

        using (var blocked = await backend.PostAsync($"/api/cards/{CardA.ToLowerInvariant()}/block", new { reason = "reported stolen at the desk", status = "lost" }, key: "block-a"))
        {
            Assert.Equal(HttpStatusCode.OK, blocked.StatusCode);
            using var answer = JsonDocument.Parse(await blocked.Content.ReadAsStringAsync());
            Assert.Equal((CardA, "lost", 1), (answer.RootElement.GetProperty("uid").GetString(), answer.RootElement.GetProperty("status").GetString(), answer.RootElement.GetProperty("blacklistVersion").GetInt32()));
        }

        Assert.Equal(1, await backend.CountAsync($"select count(*) from cards where uid = '{CardA}' and status = 'lost' and status_reason = 'reported stolen at the desk'"));
        Assert.Equal(1, await backend.CountAsync($"select count(*) from audit_log where action = 'card.block' and subject = 'card:{CardA}' and actor = 'desk-7'"));
        Assert.Equal(1, await backend.CountAsync("select count(*) from audit_log where action = 'blacklist.publish' and subject = 'blacklist:1' and actor = 'desk-7'"));
        terminal.Stack.Status.RequestSoon();
        await terminal.ExchangeAsync(planner);
        Assert.Equal(1u, terminal.Blacklist.Version);
        Assert.Equal(BlacklistReasons.Lost, terminal.Blacklist.LookupCard(Convert.FromHexString(CardA), 0, 7).Reason);

        using (var replay = await backend.PostAsync($"/api/cards/{CardA}/block", new { reason = "reported stolen at the desk", status = "lost" }, key: "block-a"))
        {
            Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
            Assert.True(replay.Headers.Contains("Idempotent-Replayed"));
        }

        Assert.Equal(HttpStatusCode.OK, (await backend.PostAsync($"/api/cards/{CardB}/block", new { reason = "fare evasion ring" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await backend.PostAsync($"/api/cards/{CardC}/block", new { reason = "fare evasion ring" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await backend.PostAsync($"/api/cards/{CardA}/unblock", new { reason = "found by its owner" })).StatusCode);
        terminal.ConfigReceived.Clear();
        terminal.Stack.Status.RequestSoon();

        var plans = await terminal.ExchangeAsync(planner);

        // The loopback terminal's clock stands still while the backend's runs, so a time message may come along.
        var delta = Assert.Single(plans[0].Messages, m => m.Kind != DownlinkKind.Time);
        Assert.Equal((DownlinkKind.BlacklistDelta, 1u, 4u), (delta.Kind, delta.FromVersion, delta.ToVersion));
        Assert.Equal(4u, terminal.Blacklist.Version);
        Assert.False(terminal.Blacklist.LookupCard(Convert.FromHexString(CardA), 0, 7).IsListed);
        Assert.Equal(BlacklistReasons.Blocked, terminal.Blacklist.LookupCard(Convert.FromHexString(CardB), 0, 7).Reason);
        Assert.Equal(BlacklistReasons.Blocked, terminal.Blacklist.LookupCard(Convert.FromHexString(CardC), 0, 4).Reason);
        Assert.Equal(1, await backend.CountAsync($"select count(*) from cards where uid = '{CardA}' and status = 'active'"));

        using var shown = JsonDocument.Parse(await backend.Http.GetStringAsync("/api/blacklist"));
        Assert.Equal(4, shown.RootElement.GetProperty("version").GetInt32());
        Assert.Equal(2, shown.RootElement.GetProperty("listed").GetInt32());
        var listing = shown.RootElement.GetProperty("listings").EnumerateArray().Single(l => l.GetProperty("key").GetString() == CardC);
        Assert.Equal(("Uid4", "desk-7", "fare evasion ring", 3), (listing.GetProperty("kind").GetString(), listing.GetProperty("listedBy").GetString(), listing.GetProperty("why").GetString(), listing.GetProperty("listedVersion").GetInt32()));
        Assert.Equal([4, 3, 2, 1], shown.RootElement.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("version").GetInt32()));
        Assert.Equal("found by its owner", shown.RootElement.GetProperty("versions")[0].GetProperty("reason").GetString());
    }

    /// <summary>The whole path: HTTP block, the change's commit, the catalog, the status consumer, the broker and the firmware.</summary>
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ABlockReachesATerminalOverTheBrokerAtItsNextStatus(string kind)
    {
        await using var backend = await BackOfficeHost.StartAsync(kind);
        await backend.AddCardAsync(CardA);
        var password = backend.Services.GetRequiredService<TerminalCredentialStore>().ProvisionMany([43u])[43];
        using var terminal = new StatusTerminal(backend.Services.GetRequiredService<EmbeddedBroker>().Port, 43, password,
            backend.Services.GetRequiredService<DownlinkSigner>().PublicKey);
        terminal.ConnectAndReport();
        await terminal.RunUntilAsync(r => r.KeysVersion > 0, "takes the key set");

        var timer = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.OK, (await backend.PostAsync($"/api/cards/{CardA}/block", new { reason = "cloned", status = "blocked" })).StatusCode);
        terminal.Stack.Status.RequestSoon();
        await terminal.RunUntilAsync(r => r.BlacklistVersion == 1, "takes the blacklist version that lists the card");

        Assert.True(terminal.Blacklist.LookupCard(Convert.FromHexString(CardA), 0, 7).IsListed);
        output.WriteLine($"{kind}: from the block request to the terminal refusing the card: {timer.Elapsed.TotalMilliseconds:0} ms");
        Assert.InRange(timer.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(10));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task VersionsAndFareTablesOutliveTheBackendAndNumberingGoesOn(string kind)
    {
        var database = await Ingest.TestDatabase.CreateAsync(kind);
        byte[] table;
        await using (var first = await BackOfficeHost.StartAsync(database))
        {
            await first.AddCardAsync(CardA);
            await first.AddCardAsync(CardB);
            Assert.Equal(HttpStatusCode.OK, (await first.PostAsync($"/api/cards/{CardA}/block", new { reason = "lost on route 12", status = "lost" })).StatusCode);
            table = LoopbackTerminal.Table(5, first.Services.GetRequiredService<DownlinkSigner>(), DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 3600);
            Assert.Equal(HttpStatusCode.Created, (await first.PostBytesAsync("/api/fare-tables", table)).StatusCode);
        }

        await using var second = await BackOfficeHost.StartAsync(database);
        var catalog = second.Services.GetRequiredService<DownlinkCatalog>();
        Assert.Equal(1u, catalog.BlacklistVersion);
        Assert.Equal(table, catalog.FareTable!.Value.Table);
        Assert.Equal(5u, catalog.FareTable!.Value.Version);
        using (var tables = JsonDocument.Parse(await second.Http.GetStringAsync("/api/fare-tables")))
        {
            var only = Assert.Single(tables.RootElement.EnumerateArray());
            Assert.Equal((5, "fares-office", table.Length), (only.GetProperty("version").GetInt32(), only.GetProperty("publishedBy").GetString(), only.GetProperty("bytes").GetInt32()));
        }

        using var blocked = await second.PostAsync($"/api/cards/{CardB}/block", new { reason = "chargeback" });
        using var answer = JsonDocument.Parse(await blocked.Content.ReadAsStringAsync());
        Assert.Equal(2, answer.RootElement.GetProperty("blacklistVersion").GetInt32());

        var terminal = new LoopbackTerminal(42, second.Services.GetRequiredService<DownlinkSigner>());
        var plans = await terminal.ExchangeAsync(second.Services.GetRequiredService<DownlinkPlanner>());
        Assert.Contains(plans[0].Messages, m => m.Kind == DownlinkKind.BlacklistSnapshot && m.ToVersion == 2);
        Assert.Equal(2, terminal.Blacklist.ListedCount);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task BadBlocksAndFareTablesAreRefusedAndChangeNothing(string kind)
    {
        await using var backend = await BackOfficeHost.StartAsync(kind);
        await backend.AddCardAsync(CardA);
        await backend.AddCardAsync(CardB, "replaced");
        var signer = backend.Services.GetRequiredService<DownlinkSigner>();
        long validFrom = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 3600;

        await ProblemAssert.HasDetailAsync(await backend.PostAsync("/api/cards/0499999999999F/block", new { reason = "x" }), HttpStatusCode.NotFound, "not in the card registry");
        await ProblemAssert.HasDetailAsync(await backend.PostAsync($"/api/cards/{CardB}/block", new { reason = "x" }), HttpStatusCode.Conflict, "is replaced");
        await ProblemAssert.HasDetailAsync(await backend.PostAsync($"/api/cards/{CardA}/unblock", new { reason = "x" }), HttpStatusCode.Conflict, "only a blocked or lost card");
        Assert.Equal(HttpStatusCode.OK, (await backend.PostAsync($"/api/cards/{CardA}/block", new { reason = "x" })).StatusCode);
        await ProblemAssert.HasDetailAsync(await backend.PostAsync($"/api/cards/{CardA}/block", new { reason = "again" }), HttpStatusCode.Conflict, "is blocked");
        await ProblemAssert.IsValidationProblemAsync(await backend.PostAsync("/api/cards/04A1B2/block", new { reason = "x" }), "uid");
        await ProblemAssert.IsValidationProblemAsync(await backend.PostAsync($"/api/cards/{CardA}/unblock", new { reason = " " }), "reason");
        await ProblemAssert.IsValidationProblemAsync(await backend.PostAsync($"/api/cards/{CardA}/unblock", null), "reason");
        await ProblemAssert.IsValidationProblemAsync(await backend.PostAsync($"/api/cards/{CardA}/block", new { reason = "x", status = "stolen" }), "status");
        await ProblemAssert.IsValidationProblemAsync(await backend.Http.PostAsync($"/api/cards/{CardA}/unblock", System.Net.Http.Json.JsonContent.Create(new { reason = "x" })), "Idempotency-Key");

        Assert.Equal(HttpStatusCode.Created, (await backend.PostBytesAsync("/api/fare-tables", LoopbackTerminal.Table(3, signer, validFrom))).StatusCode);
        var stranger = new DownlinkSigner(signer.KeyId, Enumerable.Repeat((byte)0x5A, 32).ToArray());
        await ProblemAssert.HasDetailAsync(await backend.PostBytesAsync("/api/fare-tables", LoopbackTerminal.Table(4, stranger, validFrom)), HttpStatusCode.UnprocessableEntity, "BadSignature");
        var truncated = LoopbackTerminal.Table(4, signer, validFrom)[..100];
        await ProblemAssert.HasDetailAsync(await backend.PostBytesAsync("/api/fare-tables", truncated), HttpStatusCode.UnprocessableEntity, "Truncated");
        await ProblemAssert.HasDetailAsync(await backend.PostBytesAsync("/api/fare-tables", LoopbackTerminal.Table(3, signer, validFrom)), HttpStatusCode.Conflict, "not newer than the published version 3");
        await ProblemAssert.IsValidationProblemAsync(await backend.PostBytesAsync("/api/fare-tables", []), "body");

        Assert.Equal(1, await backend.CountAsync("select count(*) from blacklist_versions"));
        Assert.Equal(1, await backend.CountAsync("select count(*) from fare_table_versions"));
        Assert.Equal(1, await backend.CountAsync($"select count(*) from cards where uid = '{CardB}' and status = 'replaced'"));
        Assert.Equal(3u, backend.Services.GetRequiredService<DownlinkCatalog>().FareTable!.Value.Version);
    }
}
