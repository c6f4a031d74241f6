using Backend.Ingest.Downlink;
using Terminal.Firmware.Blacklist;
using Terminal.Firmware.Downlink;
using Terminal.Firmware.Journal;
using Xunit;
using static Terminal.Tests.Downlink.DownlinkTerminal;

namespace Terminal.Tests.Downlink;

/// <summary>The terminal applies only what the backend signed, only when it is news, and keeps it across reboots.</summary>
public sealed class DownlinkAgentTests
{
    private readonly DownlinkTerminal _terminal = new();

    [Fact]
    public void AFareTableIsAppliedJournaledAndSurvivesAReboot()
    {
        Assert.Equal(DownlinkStatus.Applied, _terminal.Handle(FareTableMessage(Table(5))));
        Assert.Equal(5u, _terminal.Fares.Current!.Version);
        Assert.Equal([(TerminalEventCode.FareTableActivated, 5u)], Events(_terminal));

        var rebooted = new DownlinkTerminal(_terminal.Flash, _terminal.Board);

        Assert.Equal(1, rebooted.TablesRestored);
        Assert.Equal(5u, rebooted.Fares.Current!.Version);
        Assert.Equal(5u, rebooted.Report().FareTableVersion);
    }

    [Fact]
    public void APendingTableWaitsKeepsTheOneInForceAndBothSurviveAReboot()
    {
        _terminal.Handle(FareTableMessage(Table(5)));
        Assert.Equal(DownlinkStatus.Applied, _terminal.Handle(FareTableMessage(Table(6, validFrom: StartTime + 3600))));

        var rebooted = new DownlinkTerminal(_terminal.Flash, _terminal.Board);

        Assert.Equal(2, rebooted.TablesRestored);
        Assert.Equal(5u, rebooted.Fares.Current!.Version);
        Assert.Equal(6u, rebooted.Fares.Pending!.Version);
        Assert.Equal(6u, rebooted.Report().FareTableVersion);
        Assert.Contains((TerminalEventCode.FareTablePending, 6u), Events(_terminal));
    }

    [Fact]
    public void AForgedSignatureIsRefusedAndChangesNothing()
    {
        var forged = FareTableMessage(Table(5), signer: Forger);

        Assert.Equal(DownlinkStatus.BadSignature, _terminal.Handle(forged));
        Assert.Null(_terminal.Fares.Current);
        Assert.False(_terminal.Flash.Exists(FareTableFiles.InForceFile));
        Assert.Equal(1, _terminal.Stack.Agent.Refused);
    }

    [Fact]
    public void AFlippedBitAnywhereIsRefused()
    {
        _terminal.Handle(Snapshot(1, []));
        var good = Delta(1, [BlacklistChange.ListCard(Uid(1), 3)]);
        for (int i = 0; i < good.Length; i += 7)
        {
            var damaged = good.ToArray();
            damaged[i] ^= 0x10;
            Assert.NotEqual(DownlinkStatus.Applied, _terminal.Handle(damaged));
        }

        Assert.Equal(1u, _terminal.Blacklist.Version);
        Assert.Equal(DownlinkStatus.Applied, _terminal.Handle(good));
    }

    [Fact]
    public void AnUnknownKeyIdOrAKeyThatDidNotSignIsRefused()
    {
        var unknownKey = Seeded(0x11).Sign(DownlinkKind.FareTable, Id, 0, 5, StartTime, Table(5));
        Assert.Equal(DownlinkStatus.UnknownKey, _terminal.Handle(unknownKey));

        var other = Seeded(0x22);
        Assert.Equal(DownlinkStatus.Applied, _terminal.Handle(KeysMessage(1, new BackendPublicKey(9, other.PublicKey))));
        var wrongKeyForId = new DownlinkSigner(9, Enumerable.Repeat((byte)0x33, 32).ToArray()).Sign(DownlinkKind.FareTable, Id, 0, 5, StartTime, Table(5));
        Assert.Equal(DownlinkStatus.BadSignature, _terminal.Handle(wrongKeyForId));

        Assert.Equal(DownlinkStatus.Applied, _terminal.Handle(other.Sign(DownlinkKind.FareTable, Id, 0, 5, StartTime, Table(5))));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(27)]
    [InlineData(93)]
    public void TruncatedOrGarbageMessagesAreRefused(int cut)
    {
        var message = FareTableMessage(Table(5));
        Assert.NotEqual(DownlinkStatus.Applied, _terminal.Handle(message[..cut]));
        Assert.NotEqual(DownlinkStatus.Applied, _terminal.Handle(message[..^1]));
        var garbage = new byte[message.Length];
        new Random(cut).NextBytes(garbage);
        Assert.NotEqual(DownlinkStatus.Applied, _terminal.Handle(garbage));
        Assert.Null(_terminal.Fares.Current);
    }

    [Fact]
    public void AMessageForAnotherTerminalIsRefused()
    {
        var message = BackendKey.Sign(DownlinkKind.FareTable, Id + 1, 0, 5, StartTime, Table(5));
        Assert.Equal(DownlinkStatus.WrongTerminal, _terminal.Handle(message));

        var broadcast = BackendKey.Sign(DownlinkKind.FareTable, 0, 0, 5, StartTime, Table(5));
        Assert.Equal(DownlinkStatus.Applied, _terminal.Handle(broadcast));
    }

    [Fact]
    public void StaleVersionsAreIgnoredWithoutVerifyingAgain()
    {
        _terminal.Handle(FareTableMessage(Table(5)));
        _terminal.Handle(Snapshot(4, [BlacklistChange.ListCard(Uid(1), 2)]));

        Assert.Equal(DownlinkStatus.Stale, _terminal.Handle(FareTableMessage(Table(5))));
        Assert.Equal(DownlinkStatus.Stale, _terminal.Handle(FareTableMessage(Table(4))));
        Assert.Equal(DownlinkStatus.Stale, _terminal.Handle(Snapshot(3, [])));
        Assert.Equal(DownlinkStatus.Stale, _terminal.Handle(Delta(2, [], [])));
        Assert.Equal(0, _terminal.Stack.Agent.Refused);
        Assert.Equal(5u, _terminal.Fares.Current!.Version);
        Assert.Equal(4u, _terminal.Blacklist.Version);
    }

    [Fact]
    public void ADeltaFromAnotherVersionIsRefusedThenTheCatchUpFromTheReportedVersionApplies()
    {
        var first = BlacklistChange.ListCard(Uid(1), 2);
        Assert.Equal(DownlinkStatus.WrongBaseVersion, _terminal.Handle(Delta(0, [first])));
        _terminal.Handle(Snapshot(1, [first]));
        _terminal.Link.Connect();
        _terminal.Stack.Status.Step();

        Assert.Equal(DownlinkStatus.WrongBaseVersion, _terminal.Handle(Delta(2, [BlacklistChange.ListCard(Uid(3), 4)])));
        Assert.Equal(1u, _terminal.Report().BlacklistVersion);

        var catchUp = Delta(1, [BlacklistChange.ListCard(Uid(2), 5)], [BlacklistChange.ListCard(Uid(3), 4)], [BlacklistChange.RemoveCard(Uid(1))]);
        Assert.Equal(DownlinkStatus.Applied, _terminal.Handle(catchUp));

        Assert.Equal(4u, _terminal.Blacklist.Version);
        Assert.False(_terminal.Blacklist.LookupCard(Uid(1), 0, 7).IsListed);
        Assert.Equal(5, _terminal.Blacklist.LookupCard(Uid(2), 0, 7).Reason);
        Assert.Equal(4, _terminal.Blacklist.LookupCard(Uid(3), 0, 7).Reason);
        Assert.Contains((TerminalEventCode.BlacklistActivated, 4u), Events(_terminal));
    }

    [Fact]
    public void KeysAreAddedRemovedByIdPersistedAndNeverTheAnchor()
    {
        var a = Seeded(0x21);
        var b = Seeded(0x22);
        Assert.Equal(DownlinkStatus.Applied, _terminal.Handle(KeysMessage(1, new BackendPublicKey(7, a.PublicKey), new BackendPublicKey(8, b.PublicKey))));
        Assert.Equal(DownlinkStatus.Applied, _terminal.Handle(KeysMessage(2, new BackendPublicKey(8, a.PublicKey))));

        var rebooted = new DownlinkTerminal(_terminal.Flash, _terminal.Board);
        Assert.Equal(2u, rebooted.Report().KeysVersion);
        Assert.Null(rebooted.Ring.Find(7));
        Assert.Equal(a.PublicKey, rebooted.Ring.Find(8)!.Encoded);
        Assert.Equal(BackendKey.PublicKey, rebooted.Ring.Find(AnchorKeyId)!.Encoded);

        Assert.Equal(DownlinkStatus.Refused, rebooted.Handle(KeysMessage(3, new BackendPublicKey(AnchorKeyId, a.PublicKey))));
        Assert.Equal(DownlinkStatus.Stale, rebooted.Handle(KeysMessage(2)));
        Assert.Equal(BackendKey.PublicKey, rebooted.Ring.Find(AnchorKeyId)!.Encoded);
        Assert.Contains((TerminalEventCode.KeysActivated, 2u), Events(_terminal));
    }

    [Fact]
    public void ABlacklistSnapshotInstallsAndAnEmptyStoreRefusesADelta()
    {
        Assert.Equal(DownlinkStatus.WrongBaseVersion, _terminal.Handle(Delta(0, [BlacklistChange.ListCard(Uid(1), 1)])));
        Assert.Equal(DownlinkStatus.Applied, _terminal.Handle(Snapshot(9, [BlacklistChange.ListCard(Uid(1), 1), new BlacklistChange(BlacklistKind.Account, new byte[8], 6)])));

        Assert.Equal(9u, _terminal.Blacklist.Version);
        Assert.Equal(6, _terminal.Blacklist.LookupAccount(new byte[8], 0).Reason);
    }

    [Fact]
    public void ASnapshotWithARemovalIsMalformed()
    {
        Assert.Equal(DownlinkStatus.Malformed, _terminal.Handle(Snapshot(2, [BlacklistChange.RemoveCard(Uid(1))])));
        Assert.Equal(BlacklistStatus.Empty, _terminal.Blacklist.Status);
    }

    private static List<(TerminalEventCode Code, uint Value)> Events(DownlinkTerminal terminal)
    {
        var events = new List<(TerminalEventCode, uint)>();
        var record = new TxRecord();
        foreach (var bytes in Journal.JournalKit.ReadAll(terminal.Journal))
        {
            Assert.Equal(RecordStatus.Ok, TxRecordCodec.Decode(bytes, 0, record));
            events.Add(((TerminalEventCode)record.EventCode, record.EventValue));
        }

        return events;
    }
}
