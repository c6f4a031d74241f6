using Terminal.Firmware.Downlink;
using Terminal.Firmware.Journal;
using Terminal.Firmware.Sync;
using Xunit;
using static Terminal.Tests.Downlink.DownlinkTerminal;

namespace Terminal.Tests.Downlink;

/// <summary>The SyncAgent and the downlink share one link through the router; the status goes out on connect, on change and every minute.</summary>
public sealed class LinkSharingTests
{
    private readonly DownlinkTerminal _terminal = new();
    private readonly SyncAgent _sync;

    public LinkSharingTests() => _sync = new SyncAgent(_terminal.Stack.Router, _terminal.Journal, _terminal.Clock, Id);

    [Fact]
    public void AcksAndConfigMessagesInterleavedReachTheirAgents()
    {
        var record = new TxRecord { Kind = TxKind.TerminalEvent, EventCode = 1, Timestamp = 1 };
        _terminal.Journal.Append(record);
        _terminal.Journal.Append(record);
        var ack = new byte[AckCodec.Size];
        AckCodec.Encode(Id, 1, ack, 0);
        _terminal.Link.Deliver(DownlinkTopics.Config(Id), FareTableMessage(Table(3)));
        _terminal.Link.Deliver(UplinkTopics.Acks(Id), ack);
        _terminal.Link.Deliver(DownlinkTopics.Config(Id), Snapshot(4, []));

        for (int i = 0; i < 4; i++)
        {
            _sync.Step();
            _terminal.Stack.Step();
        }

        Assert.Equal(0, _terminal.Link.Waiting);
        Assert.True(_terminal.Journal.AcknowledgedUpTo >= 1);
        Assert.Equal(0, _sync.AcksRefused);
        Assert.Equal(3u, _terminal.Fares.Current!.Version);
        Assert.Equal(4u, _terminal.Blacklist.Version);
        Assert.Equal(2, _terminal.Stack.Agent.Applied);
    }

    [Fact]
    public void TheStatusIsPublishedRetainedOnConnectAfterAChangeAndEveryMinute()
    {
        var statusTopic = DownlinkTopics.Status(Id);
        _sync.Step();
        _terminal.Stack.Step();
        Assert.Single(Statuses());
        Assert.True(_terminal.Link.Published.All(p => p.Topic != statusTopic || p.Retain));

        _terminal.Link.Deliver(DownlinkTopics.Config(Id), FareTableMessage(Table(3)));
        _terminal.Stack.Step();
        Assert.Equal(3u, Statuses()[^1].FareTableVersion);

        _terminal.Board.Advance(StatusReporter.IntervalMicroseconds - 1);
        _terminal.Stack.Step();
        Assert.Equal(2, Statuses().Count);
        _terminal.Board.Advance(1);
        _terminal.Stack.Step();
        Assert.Equal(3, Statuses().Count);

        _terminal.Link.Drop();
        _terminal.Board.Advance(1_000_000);
        _sync.Step();
        _terminal.Stack.Step();
        Assert.Equal(4, Statuses().Count);
        var last = Statuses()[^1];
        Assert.True(last.Online);
        Assert.Equal(Id, last.TerminalId);
        Assert.Equal(3u, last.FirmwareVersion);
        Assert.Equal(_terminal.Clock.UtcUnixSeconds, last.ClockUnixSeconds);
        Assert.Equal(_terminal.Journal.NextSequence, last.NextSequence);
    }

    [Fact]
    public void AMessageTooLargeForTheBufferIsDroppedAndCounted()
    {
        _terminal.Link.Connect();
        _terminal.Link.Deliver(DownlinkTopics.Config(Id), new byte[DownlinkCodec.MaxMessageBytes + 1]);
        _terminal.Link.Deliver(DownlinkTopics.Config(Id), FareTableMessage(Table(3)));

        _terminal.Stack.Step();

        Assert.Equal(1, _terminal.Stack.Router.DroppedMessages);
        Assert.Equal(3u, _terminal.Fares.Current!.Version);
    }

    private List<TerminalStatusReport> Statuses() => _terminal.Link.Published
        .Where(p => p.Topic == DownlinkTopics.Status(Id))
        .Select(p =>
        {
            var report = new TerminalStatusReport();
            Assert.Equal(WireStatus.Ok, StatusCodec.Decode(p.Payload, 0, p.Payload.Length, report));
            return report;
        })
        .ToList();
}
