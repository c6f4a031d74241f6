using Backend.Ingest.Downlink;
using Terminal.Firmware.Blacklist;
using Terminal.Firmware.Downlink;
using Xunit;

namespace Backend.Tests.Downlink;

/// <summary>The planner brings terminals up to date from their status, and the real firmware applies what it sends.</summary>
public sealed class DownlinkPlannerTests
{
    private const uint TerminalId = 77;
    private static readonly DownlinkSigner Signer = new(LoopbackTerminal.AnchorKeyId, Enumerable.Repeat((byte)0x6B, 32).ToArray());
    private readonly DownlinkCatalog _catalog = new();
    private readonly LoopbackTerminal _terminal = new(TerminalId, Signer);
    private readonly DownlinkPlanner _planner;

    public DownlinkPlannerTests() => _planner = new DownlinkPlanner(_catalog, Signer, new FixedTime(() => _terminal.Clock.UtcUnixSeconds));

    private long ValidFrom => _terminal.Clock.UtcUnixSeconds - 86400;

    [Fact]
    public async Task ATerminalThatMissedThreeBlacklistVersionsAndATableGetsOneCombinedDeltaAndTheTable()
    {
        _catalog.SetFareTable(LoopbackTerminal.Table(1, Signer, ValidFrom));
        _catalog.PublishBlacklist([BlacklistChange.ListCard(Uid(1), 1)]);
        _catalog.PublishBlacklist([BlacklistChange.ListCard(Uid(2), 2)]);
        await _terminal.ExchangeAsync(_planner);
        Assert.Equal((1u, 2u), (_terminal.Report().FareTableVersion, _terminal.Report().BlacklistVersion));

        _catalog.SetFareTable(LoopbackTerminal.Table(2, Signer, ValidFrom));
        _catalog.PublishBlacklist([BlacklistChange.ListCard(Uid(3), 3)]);
        _catalog.PublishBlacklist([BlacklistChange.RemoveCard(Uid(1))]);
        _catalog.PublishBlacklist([BlacklistChange.ListCard(Uid(4), 4), BlacklistChange.ListCard(Uid(2), 9)]);
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

    [Fact]
    public async Task ATerminalWithoutABlacklistOrBeyondTheHistoryGetsASnapshot()
    {
        var catalog = new DownlinkCatalog(historyVersions: 2);
        var planner = new DownlinkPlanner(catalog, Signer, new FixedTime(() => _terminal.Clock.UtcUnixSeconds));
        catalog.PublishBlacklist([BlacklistChange.ListCard(Uid(1), 1)]);

        var plans = await _terminal.ExchangeAsync(planner);
        Assert.Equal(DownlinkKind.BlacklistSnapshot, Assert.Single(plans[0].Messages).Kind);
        Assert.Equal(1u, _terminal.Blacklist.Version);

        for (int v = 2; v <= 5; v++)
        {
            catalog.PublishBlacklist([BlacklistChange.ListCard(Uid(v), (byte)v)]);
        }

        _terminal.Stack.Status.RequestSoon();
        plans = await _terminal.ExchangeAsync(planner);

        Assert.Equal(DownlinkKind.BlacklistSnapshot, Assert.Single(plans[0].Messages).Kind);
        Assert.Equal(5u, _terminal.Blacklist.Version);
        Assert.Equal(5, _terminal.Blacklist.ListedCount);
    }

    [Fact]
    public async Task ACatchUpTooLargeForOneMessageIsSplitIntoAsFewAsFit()
    {
        _catalog.PublishBlacklist([BlacklistChange.ListCard(Uid(0), 1)]);
        await _terminal.ExchangeAsync(_planner);
        for (int v = 0; v < 6; v++)
        {
            _catalog.PublishBlacklist(Enumerable.Range(1000 * (v + 1), 1000).Select(n => BlacklistChange.ListCard(Uid(n), 2)));
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

    [Fact]
    public async Task KeysAndTimeReachTheTerminal()
    {
        var rotated = new DownlinkSigner(5, Enumerable.Repeat((byte)0x19, 32).ToArray());
        _catalog.SetKeys([new BackendPublicKey(5, rotated.PublicKey)]);
        long backendTime = _terminal.Clock.UtcUnixSeconds + 3600;
        var planner = new DownlinkPlanner(_catalog, Signer, new FixedTime(() => backendTime));

        var plans = await _terminal.ExchangeAsync(planner);

        Assert.Equal([DownlinkKind.Keys, DownlinkKind.Time], plans[0].Messages.Select(m => m.Kind));
        Assert.Equal(1u, _terminal.Report().KeysVersion);
        Assert.Equal(rotated.PublicKey, _terminal.Ring.Find(5)!.Encoded);
        Assert.InRange(_terminal.Clock.UtcUnixSeconds, backendTime, backendTime + 1);
    }

    [Fact]
    public async Task AStatusOnAnotherTerminalsTopicOrOfflinePlansNothing()
    {
        _catalog.PublishBlacklist([BlacklistChange.ListCard(Uid(1), 1)]);
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

    [Fact]
    public void TheCatalogSurvivesSaveAndLoad()
    {
        _catalog.SetFareTable(LoopbackTerminal.Table(3, Signer, ValidFrom));
        _catalog.PublishBlacklist([BlacklistChange.ListCard(Uid(1), 1), new BlacklistChange(BlacklistKind.Account, new byte[8], 4)]);
        _catalog.PublishBlacklist([BlacklistChange.RemoveCard(Uid(1))]);
        _catalog.SetKeys([new BackendPublicKey(4, Signer.PublicKey)]);
        string path = Path.Combine(Path.GetTempPath(), $"catalog-{Guid.NewGuid():N}.json");
        try
        {
            _catalog.Save(path);
            var loaded = DownlinkCatalog.Load(path);

            Assert.Equal(_catalog.FareTable!.Value.Table, loaded.FareTable!.Value.Table);
            Assert.Equal(2u, loaded.BlacklistVersion);
            Assert.Equal(2, loaded.ChangesSince(1)!.Versions.Count + 1);
            Assert.Equal(BlacklistKind.Account, Assert.Single(loaded.Snapshot().Listings).Kind);
            Assert.Equal((1u, 4), (loaded.Keys.Version, loaded.Keys.Keys.Single().KeyId));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static byte[] Uid(int n) => [0x04, (byte)n, (byte)(n >> 8), 0x11, 0x22, 0x33, 0x44];
}
