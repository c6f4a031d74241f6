using Terminal.Drivers.Iso14443;
using Terminal.Drivers.Mifare;
using Terminal.Drivers.Reader;
using Xunit;

namespace Terminal.Tests.Mifare;

/// <summary>The protocol layers allocate nothing per tap: everything they need is allocated once.</summary>
public sealed class TapAllocationTests
{
    [Fact]
    public void AFareTapThroughTheProtocolLayersAllocatesNothing()
    {
        var pcd = new ReplayPcd();
        var reader = new Iso14443aReader(pcd);
        var classic = new MifareClassic(pcd);
        var card = new SelectedCard();
        var key = new byte[6];
        var block = new byte[16];

        Assert.True(Tap(reader, classic, card, key, block));
        var before = GC.GetAllocatedBytesForCurrentThread();
        var allOk = true;
        for (var i = 0; i < 100; i++)
        {
            allOk &= Tap(reader, classic, card, key, block);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allOk);
        Assert.Equal(0, allocated);
    }

    /// <summary>True when every step succeeded; no assertion inside, because xunit's assertions allocate.</summary>
    private static bool Tap(Iso14443aReader reader, MifareClassic classic, SelectedCard card, byte[] key, byte[] block) =>
        reader.DetectCard(card) == ReaderStatus.Ok
        && classic.Authenticate(MifareKeyType.A, 4, key, 0, card.Uid) == ReaderStatus.Ok
        && classic.ReadBlock(4, block, 0) == ReaderStatus.Ok
        && classic.WriteBlock(5, block, 0) == ReaderStatus.Ok
        && classic.Decrement(4, 1) == ReaderStatus.Ok
        && classic.Transfer(4) == ReaderStatus.Ok
        && reader.HaltA() == ReaderStatus.Ok;

    /// <summary>Plays one tap's answers in a loop from arrays built once, so that it allocates nothing itself.</summary>
    private sealed class ReplayPcd : IPcd
    {
        private const int Ack = 0x0A;

        private static readonly byte[][] Answers =
        [
            [0x04, 0x00],
            [0x01, 0x02, 0x03, 0x04, 0x04],
            [0x08],
            new byte[16],
            [Ack],
            [Ack],
            [Ack],
            [],
            [Ack],
            [],
        ];

        private static readonly int[] LastBits = [0, 0, 0, 0, 4, 4, 4, 0, 4, 0];

        private int _next;

        public ReaderStatus Transceive(PcdExchange exchange)
        {
            var answer = Answers[_next];
            exchange.RxLastBits = LastBits[_next];
            _next = (_next + 1) % Answers.Length;
            Array.Copy(answer, exchange.Rx, answer.Length);
            exchange.RxLength = answer.Length;
            return answer.Length == 0 ? ReaderStatus.Timeout : ReaderStatus.Ok;
        }

        public ReaderStatus Authenticate(byte keyCommand, byte block, byte[] key, int keyOffset, byte[] uid, int uidOffset) => ReaderStatus.Ok;

        public void StopCrypto1()
        {
        }
    }
}
