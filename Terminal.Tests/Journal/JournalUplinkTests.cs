using Terminal.Firmware.Journal;
using Terminal.Simulation.Flash;
using Xunit;
using static Terminal.Tests.Journal.JournalKit;

namespace Terminal.Tests.Journal;

/// <summary>The journal, the batch and the ack together, with a backend that stores idempotently and acks after its commit.</summary>
public sealed class JournalUplinkTests
{
    private const uint TerminalId = 4711;

    [Fact]
    public void DuplicatedAndLostMessagesStillStoreEveryRecordExactlyOnceAndFreeTheFlash()
    {
        var flash = new SimulatedFlash();
        var journal = Opened(flash, recordsPerSegment: 8);
        var written = Enumerable.Range(1, 50).Select(n => AppendOk(journal, Tap(n))).ToList();
        var backend = new IdempotentBackend();
        var payload = new byte[BatchCodec.LengthFor(16)];
        int round = 0;

        while (journal.HasUnacknowledged)
        {
            int count = journal.ReadBatch(journal.AcknowledgedUpTo + 1, payload, BatchCodec.HeaderSize, 16);
            Assert.Equal(WireStatus.Ok, BatchCodec.Seal(payload, 0, TerminalId, count, new BatchHeader()));
            int length = BatchCodec.LengthFor(count);

            byte[]? ack = backend.Receive(payload, length);
            if (round % 2 == 0)
            {
                ack = backend.Receive(payload, length);
            }

            if (round % 3 != 1)
            {
                Assert.Equal(WireStatus.Ok, AckCodec.Decode(ack!, 0, ack!.Length, out uint terminal, out uint upTo));
                Assert.Equal(TerminalId, terminal);
                Assert.Equal(JournalStatus.Ok, journal.Acknowledge(upTo));
            }

            round++;
        }

        Assert.Equal(written, backend.Stored.OrderBy(p => p.Key).Select(p => p.Value));
        Assert.Equal(journal.UsedBytes - flash.Length("journal.7"), journal.ReclaimableBytes);
    }

    [Fact]
    public void TheBackendAcksNothingForADamagedBatch()
    {
        var journal = Opened(new SimulatedFlash());
        AppendOk(journal, Tap(1));
        var payload = new byte[BatchCodec.LengthFor(1)];
        journal.ReadBatch(1, payload, BatchCodec.HeaderSize, 1);
        BatchCodec.Seal(payload, 0, TerminalId, 1, new BatchHeader());
        payload[20] ^= 0x10;

        var backend = new IdempotentBackend();
        Assert.Null(backend.Receive(payload, payload.Length));
        Assert.Empty(backend.Stored);
    }

    /// <summary>Stands for the ingest service: validate, insert-or-ignore keyed by (terminal, sequence), commit, then ack.</summary>
    private sealed class IdempotentBackend
    {
        public Dictionary<uint, byte[]> Stored { get; } = [];

        public byte[]? Receive(byte[] payload, int length)
        {
            var header = new BatchHeader();
            if (BatchCodec.Decode(payload, 0, length, header) != WireStatus.Ok || header.TerminalId != TerminalId)
            {
                return null;
            }

            for (int i = 0; i < header.Count; i++)
            {
                int at = BatchCodec.RecordOffset(0, i);
                Stored.TryAdd(TxRecordCodec.ReadSequence(payload, at), payload[at..(at + TxRecordCodec.Size)]);
            }

            var ack = new byte[AckCodec.Size];
            AckCodec.Encode(header.TerminalId, header.LastSequence, ack, 0);
            return ack;
        }
    }
}
