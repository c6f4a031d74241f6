using Backend.Ingest.Changes;
using Backend.Ingest.Downlink;
using Backend.Tests.Api;
using Terminal.Firmware.Blacklist;
using Terminal.Firmware.Downlink;
using Xunit;

namespace Backend.Tests.Downlink;

/// <summary>The planner brings terminals up to date from their status, and the real firmware applies what it sends.</summary>
public sealed class DownlinkPlannerTests
{
    private const uint TerminalId = 77;
    private static readonly DownlinkSigner Signer = new(LoopbackTerminal.AnchorKeyId, Enumerable.Repeat((byte)0x6B, 32).ToArray());
    private const string Operator = "planner-test";
    private readonly LoopbackTerminal _terminal = new(TerminalId, Signer);
    private DownlinkCatalog _catalog = null!;
    private DownlinkPlanner _planner = null!;

    private long ValidFrom => _terminal.Clock.UtcUnixSeconds - 86400;

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ATerminalThatMissedThreeBlacklistVersionsAndATableGetsOneCombinedDeltaAndTheTable(string kind)
    {
        await using var database = await StartAsync(kind);
        await _catalog.SetFareTableAsync(LoopbackTerminal.Table(1, Signer, ValidFrom), Operator);
        await _catalog.PublishBlacklistAsync([BlacklistChange.ListCard(Uid(1), 1)], Operator, "test");
        await _catalog.PublishBlacklistAsync([BlacklistChange.ListCard(Uid(2), 2)], Operator, "test");
        await _terminal.ExchangeAsync(_planner);
        Assert.Equal((1u, 2u), (_terminal.Report().FareTableVersion, _terminal.Report().BlacklistVersion));

        await _catalog.SetFareTableAsync(LoopbackTerminal.Table(2, Signer, ValidFrom), Operator);
        await _catalog.PublishBlacklistAsync([BlacklistChange.ListCard(Uid(3), 3)], Operator, "test");
        await _catalog.PublishBlacklistAsync([BlacklistChange.RemoveCard(Uid(1))], Operator, "test");
        await _catalog.PublishBlacklistAsync([BlacklistChange.ListCard(Uid(4), 4), BlacklistChange.ListCard(Uid(2), 9)], Operator, "test");
        _terminal.ConfigReceived.Clear();
        _terminal.Stack.Status.RequestSoon();
        int appliedBefore = _terminal.Stack.Agent.Applied;

        var plans = await _terminal.ExchangeAsync(_planner);

        var first = plans[0].Messages;
        Assert.Equal([DownlinkKind.FareTable, DownlinkKind.BlacklistDelta], first.Select(m => m.Kind));
        Assert.Equal((2u, 5u), (first[1].FromVersion, first[1].ToVersion));
        Assert.Equal(2u, _terminal.Fares.Current!.Version);
        Assert.Equal(5u, _terminal.Blacklist.Version);
        Assert.False(_terminal.Blacklist.LookupCard(Uid(1), 0, 7).IsListed);
        Assert.Equal(9, _terminal.Blacklist.LookupCard(Uid(2), 0, 7).Reason);
        Assert.Equal(3, _terminal.Blacklist.LookupCard(Uid(3), 0, 7).Reason);
        Assert.Equal(4, _terminal.Blacklist.LookupCard(Uid(4), 0, 7).Reason);
        Assert.Empty(plans[^1].Messages);
        Assert.Equal(2, _terminal.Stack.Agent.Applied - appliedBefore);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ATerminalWithoutABlacklistOrBeyondTheHistoryGetsASnapshot(string kind)
    {
        await using var database = await StartAsync(kind);
        var catalog = new DownlinkCatalog(database.DataSource, new ChangeRunner(database.DataSource, TimeProvider.System), Signer, historyVersions: 2);
        var planner = new DownlinkPlanner(catalog, Signer, new FixedTime(() => _terminal.Clock.UtcUnixSeconds));
        await catalog.PublishBlacklistAsync([BlacklistChange.ListCard(Uid(1), 1)], Operator, "test");

        var plans = await _terminal.ExchangeAsync(planner);
        Assert.Equal(DownlinkKind.BlacklistSnapshot, Assert.Single(plans[0].Messages).Kind);
        Assert.Equal(1u, _terminal.Blacklist.Version);

        for (int v = 2; v <= 5; v++)
        {
            await catalog.PublishBlacklistAsync([BlacklistChange.ListCard(Uid(v), (byte)v)], Operator, "test");
        }

        _terminal.Stack.Status.RequestSoon();
        plans = await _terminal.ExchangeAsync(planner);

        Assert.Equal(DownlinkKind.BlacklistSnapshot, Assert.Single(plans[0].Messages).Kind);
        Assert.Equal(5u, _terminal.Blacklist.Version);
        Assert.Equal(5, _terminal.Blacklist.ListedCount);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ACatchUpTooLargeForOneMessageIsSplitIntoAsFewAsFit(string kind)
    {
        await using var database = await StartAsync(kind);
        await _catalog.PublishBlacklistAsync([BlacklistChange.ListCard(Uid(0), 1)], Operator, "test");
        await _terminal.ExchangeAsync(_planner);
        for (int v = 0; v < 6; v++)
        {
            await _catalog.PublishBlacklistAsync(Enumerable.Range(1000 * (v + 1), 1000).Select(n => BlacklistChange.ListCard(Uid(n), 2)), Operator, "test");
        }

        _terminal.Stack.Status.RequestSoon();
        var plans = await _terminal.ExchangeAsync(_planner);

        var deltas = plans[0].Messages;
        Assert.InRange(deltas.Count, 2, 3);
        Assert.All(deltas, m => Assert.True(m.Payload.Length <= DownlinkCodec.MaxMessageBytes));
        Assert.Equal(1u, deltas[0].FromVersion);
        Assert.Equal(7u, deltas[^1].ToVersion);
        Assert.Equal(7u, _terminal.Blacklist.Version);
        Assert.Equal(6001, _terminal.Blacklist.ListedCount);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task KeysAndTimeReachTheTerminal(string kind)
    {
        await using var database = await StartAsync(kind);
        var rotated = new DownlinkSigner(5, Enumerable.Repeat((byte)0x19, 32).ToArray());
        await _catalog.SetKeysAsync([new BackendPublicKey(5, rotated.PublicKey)], Operator);
        long backendTime = _terminal.Clock.UtcUnixSeconds + 3600;
        var planner = new DownlinkPlanner(_catalog, Signer, new FixedTime(() => backendTime));

        var plans = await _terminal.ExchangeAsync(planner);

        Assert.Equal([DownlinkKind.Keys, DownlinkKind.Time], plans[0].Messages.Select(m => m.Kind));
        Assert.Equal(1u, _terminal.Report().KeysVersion);
        Assert.Equal(rotated.PublicKey, _terminal.Ring.Find(5)!.Encoded);
        Assert.InRange(_terminal.Clock.UtcUnixSeconds, backendTime, backendTime + 1);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task AStatusOnAnotherTerminalsTopicOrOfflinePlansNothing(string kind)
    {
        await using var database = await StartAsync(kind);
        await _catalog.PublishBlacklistAsync([BlacklistChange.ListCard(Uid(1), 1)], Operator, "test");
        var status = new byte[StatusCodec.Size];
        StatusCodec.Encode(_terminal.Report(), status, 0);
        int published = 0;
        Task Count(string topic, byte[] payload, CancellationToken token)
        {
            published++;
            return Task.CompletedTask;
        }

        var foreign = await _planner.OnStatusAsync(DownlinkTopics.Status(TerminalId + 1), status, Count);
        Assert.Single(foreign.Problems);

        var offline = new byte[StatusCodec.MaxOfflineSize];
        int length = StatusCodec.EncodeOffline(TerminalId, offline, 0);
        Assert.Empty((await _planner.OnStatusAsync(DownlinkTopics.Status(TerminalId), offline.AsMemory(0, length), Count)).Messages);

        var garbage = await _planner.OnStatusAsync(DownlinkTopics.Status(TerminalId), new byte[] { 1, 1, 3 }, Count);
        Assert.Single(garbage.Problems);
        Assert.Equal(0, published);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task TheCatalogSurvivesARestartAndIsSharedWithAnotherBackendProcess(string kind)
    {
        await using var database = await StartAsync(kind);
        await _catalog.SetFareTableAsync(LoopbackTerminal.Table(3, Signer, ValidFrom), Operator);
        await _catalog.PublishBlacklistAsync([BlacklistChange.ListCard(Uid(1), 1), new BlacklistChange(BlacklistKind.Account, new byte[8], 4)], Operator, "test");
        await _catalog.PublishBlacklistAsync([BlacklistChange.RemoveCard(Uid(1))], Operator, "test");
        await _catalog.SetKeysAsync([new BackendPublicKey(4, Signer.PublicKey)], Operator);

        var other = new DownlinkCatalog(database.DataSource, new ChangeRunner(database.DataSource, TimeProvider.System), Signer);
        await other.RefreshAsync();

        Assert.Equal(_catalog.FareTable!.Value.Table, other.FareTable!.Value.Table);
        Assert.Equal(3u, other.FareTable!.Value.Version);
        Assert.Equal(2u, other.BlacklistVersion);
        Assert.Single(other.ChangesSince(1)!.Versions);
        Assert.Equal(BlacklistKind.Account, Assert.Single(other.Snapshot().Listings).Kind);
        Assert.Equal((1u, 4), (other.Keys.Version, other.Keys.Keys.Single().KeyId));

        await other.PublishBlacklistAsync([BlacklistChange.ListCard(Uid(5), 5)], "other-process", "test");
        await _catalog.RefreshAsync();
        Assert.Equal(3u, _catalog.BlacklistVersion);
        Assert.Equal(5, _catalog.ChangesSince(2)!.Versions.Single().Single().Reason);
        Assert.Equal(2, _catalog.Snapshot().Listings.Count);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task TwoProcessesPublishingAtOnceGetVersionsOneAfterTheOther(string kind)
    {
        await using var database = await StartAsync(kind);
        var other = new DownlinkCatalog(database.DataSource, new ChangeRunner(database.DataSource, TimeProvider.System), Signer);

        await Task.WhenAll(Enumerable.Range(1, 20).Select(n => Task.Run(() =>
            (n % 2 == 0 ? _catalog : other).PublishBlacklistAsync([BlacklistChange.ListCard(Uid(n), (byte)n)], $"process-{n % 2}", "race"))));
        await _catalog.RefreshAsync();

        Assert.Equal(20u, _catalog.BlacklistVersion);
        var catchUp = _catalog.ChangesSince(1)!;
        Assert.Equal(19, catchUp.Versions.Count);
        Assert.All(catchUp.Versions, set => Assert.Single(set));
        Assert.Equal(20, _catalog.Snapshot().Listings.Count);
        var planned = _planner.Plan(_terminal.Report());
        Assert.Equal(DownlinkKind.BlacklistSnapshot, Assert.Single(planned.Messages, m => m.Kind != DownlinkKind.Time).Kind);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ATableTheFirmwareRefusesOrNotNewerIsNotPublished(string kind)
    {
        await using var database = await StartAsync(kind);
        await _catalog.SetFareTableAsync(LoopbackTerminal.Table(3, Signer, ValidFrom), Operator);
        var stranger = new DownlinkSigner(LoopbackTerminal.AnchorKeyId, Enumerable.Repeat((byte)0x44, 32).ToArray());

        var forged = await Assert.ThrowsAsync<ArgumentException>(() => _catalog.SetFareTableAsync(LoopbackTerminal.Table(4, stranger, ValidFrom), Operator));
        Assert.Contains("BadSignature", forged.Message);
        var stale = await Assert.ThrowsAsync<ArgumentException>(() => _catalog.SetFareTableAsync(LoopbackTerminal.Table(3, Signer, ValidFrom), Operator));
        Assert.Contains("not newer than the published version 3", stale.Message);
        await Assert.ThrowsAsync<ArgumentException>(() => _catalog.PublishBlacklistAsync([], Operator, "nothing"));
        Assert.Equal(3u, _catalog.FareTable!.Value.Version);
        Assert.Equal(0u, _catalog.BlacklistVersion);
    }

    /// <summary>A fresh database of the kind, and the catalog and planner over it.</summary>
    private async Task<TestDatabase> StartAsync(string kind)
    {
        var database = await TestDatabase.CreateAsync(kind);
        _catalog = new DownlinkCatalog(database.DataSource, new ChangeRunner(database.DataSource, TimeProvider.System), Signer);
        _planner = new DownlinkPlanner(_catalog, Signer, new FixedTime(() => _terminal.Clock.UtcUnixSeconds));
        return database;
    }

    private static byte[] Uid(int n) => [0x04, (byte)n, (byte)(n >> 8), 0x11, 0x22, 0x33, 0x44];
}
