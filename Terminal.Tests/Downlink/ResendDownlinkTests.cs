using Terminal.Firmware.Downlink;
using Terminal.Firmware.Journal;
using Terminal.Firmware.Sync;
using Xunit;
using static Terminal.Tests.Downlink.DownlinkTerminal;

namespace Terminal.Tests.Downlink;

/// <summary>
/// A Resend downlink (kind 8) after a backend restore: signed and addressed to this terminal it rewinds the journal
/// and the sync agent uploads again from the asked sequence; forged, misaddressed or stale ones change nothing.
/// </summary>
public sealed class ResendDownlinkTests
{
    private readonly DownlinkTerminal _terminal = new();
    private readonly SyncAgent _sync;

    public ResendDownlinkTests()
    {
        _sync = new SyncAgent(_terminal.Stack.Router, _terminal.Journal, _terminal.Clock, Id);
        for (int n = 1; n <= 10; n++)
        {
            Assert.True(Firmware.Journal.Journal.IsDurable(_terminal.Journal.Append(Journal.JournalKit.Tap(n))));
        }

        Assert.Equal(JournalStatus.Ok, _terminal.Journal.Acknowledge(10));
    }

    [Fact]
    public void ASignedResendRewindsAndTheAgentUploadsAgainFromThatSequence()
    {
        Assert.Equal(DownlinkStatus.Applied, _terminal.Handle(Resend(4)));
        Assert.Equal(3u, _terminal.Journal.AcknowledgedUpTo);
        Assert.Equal(1, _terminal.Journal.Rewinds);

        // The old backend's ack, delivered after the restore, must not acknowledge what the restored one lacks.
        _terminal.Link.Deliver(UplinkTopics.Acks(Id), Ack(10));
        _sync.Step();
        Assert.Equal(1, _sync.LateAcksRefused);
        Assert.Equal(3u, _terminal.Journal.AcknowledgedUpTo);

        var batch = new BatchHeader();
        var sent = _terminal.Link.Published.Last(p => p.Topic == UplinkTopics.Transactions(Id)).Payload;
        Assert.Equal(WireStatus.Ok, BatchCodec.Decode(sent, 0, sent.Length, batch));
        Assert.Equal((4u, 11u), (batch.FirstSequence, batch.LastSequence));

        var rewound = new TxRecord();
        int last = BatchCodec.RecordOffset(0, batch.Count - 1);
        Assert.Equal(RecordStatus.Ok, TxRecordCodec.Decode(sent, last, rewound));
        Assert.Equal((TxKind.TerminalEvent, (int)TerminalEventCode.JournalRewound, 4u), (rewound.Kind, rewound.EventCode, rewound.EventValue));

        _terminal.Link.Deliver(UplinkTopics.Acks(Id), Ack(11));
        _sync.Step();
        Assert.Equal(11u, _terminal.Journal.AcknowledgedUpTo);
        Assert.Equal(0, _sync.AcksRefused);
    }

    [Fact]
    public void AForgedOrMisaddressedResendIsRefusedAndChangesNothing()
    {
        Assert.Equal(DownlinkStatus.BadSignature, _terminal.Handle(Resend(4, signer: Forger)));
        Assert.Equal(DownlinkStatus.WrongTerminal, _terminal.Handle(Resend(4, target: Id + 1)));
        Assert.Equal(DownlinkStatus.Malformed, _terminal.Handle(Resend(4, target: 0)));
        Assert.Equal(DownlinkStatus.Malformed, _terminal.Handle(Resend(0)));

        Assert.Equal(10u, _terminal.Journal.AcknowledgedUpTo);
        Assert.Equal(0, _terminal.Journal.Rewinds);
        Assert.Equal(11u, _terminal.Journal.NextSequence);
    }

    [Fact]
    public void AResendFromBeyondTheAckIsStaleAndIgnored()
    {
        Assert.Equal(DownlinkStatus.Stale, _terminal.Handle(Resend(11)));

        Assert.Equal(10u, _terminal.Journal.AcknowledgedUpTo);
        Assert.Equal(0, _terminal.Journal.Rewinds);
        Assert.Equal(0, _terminal.Stack.Agent.Refused);
        Assert.Equal(11u, _terminal.Journal.NextSequence);
    }

    private static byte[] Resend(uint fromSequence, uint target = Id, Backend.Ingest.Downlink.DownlinkSigner? signer = null)
    {
        var body = new byte[ResendBody.Size];
        ResendBody.Write(fromSequence, body, 0);
        return (signer ?? BackendKey).Sign(DownlinkKind.Resend, target, 0, 1, StartTime, body);
    }

    private static byte[] Ack(uint upTo)
    {
        var ack = new byte[AckCodec.Size];
        AckCodec.Encode(Id, upTo, ack, 0);
        return ack;
    }
}
