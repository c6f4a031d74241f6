using Terminal.Drivers.Iso14443;
using Terminal.Drivers.Mifare;
using Terminal.Drivers.Reader;

namespace Terminal.Emulator.Fuzz.Targets;

/// <summary>
/// Card answers as the reader chip hands them over, through ISO 14443A activation (ATQA, anticollision, SAK) and a
/// MIFARE Classic block read: the input is a script of answers (status, length, valid bits of the last byte,
/// collision bit, bytes). Whatever a card or a radio glitch sends, the drivers return a status, and a selected
/// card has a UID of 4, 7 or 10 bytes.
/// </summary>
public sealed class Iso14443Target : IFuzzTarget
{
    private readonly byte[] _block = new byte[16];

    public string Name => "iso14443";

    public IReadOnlyList<byte[]> Seeds() =>
    [
        // ATQA 0x0004, a 4-byte UID with its BCC, SAK 0x08 (Classic 1K), then a 16-byte block and its CRC.
        [0, 2, 0, 0xFF, 0x04, 0x00, 0, 5, 0, 0xFF, 0x11, 0x22, 0x33, 0x44, 0x11 ^ 0x22 ^ 0x33 ^ 0x44, 0, 1, 0, 0xFF, 0x08,
            0, 16, 0, 0xFF, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16],
        // A 7-byte UID: cascade tag 0x88 in level 1, SAK 0x04 (more levels), then level 2.
        [0, 2, 0, 0xFF, 0x44, 0x00, 0, 5, 0, 0xFF, 0x88, 0x04, 0xA1, 0xB2, 0x88 ^ 0x04 ^ 0xA1 ^ 0xB2, 0, 1, 0, 0xFF, 0x04,
            0, 5, 0, 0xFF, 0xC3, 0xD4, 0xE5, 0xF6, 0xC3 ^ 0xD4 ^ 0xE5 ^ 0xF6, 0, 1, 0, 0xFF, 0x08],
        // A collision in level 1, then a clean answer.
        [0, 2, 0, 0xFF, 0x04, 0x00, 3, 5, 0, 12, 0x11, 0x22, 0x33, 0x44, 0x00, 0, 5, 0, 0xFF, 0x11, 0x22, 0x33, 0x44, 0x11 ^ 0x22 ^ 0x33 ^ 0x44, 0, 1, 0, 0xFF, 0x08],
    ];

    public void Run(byte[] input)
    {
        var pcd = new ScriptedAnswers(input);
        var card = new SelectedCard();
        var status = new Iso14443aReader(pcd).DetectCard(card);
        if (status != ReaderStatus.Ok)
        {
            return;
        }

        FuzzMismatchException.Check(card.Uid.Length is 4 or 7 or 10, $"a selected card with a {card.Uid.Length}-byte UID");
        new MifareClassic(pcd).ReadBlock(4, _block, 0);
    }

    /// <summary>Answers each exchange with the next scripted answer; silence once the script ends.</summary>
    private sealed class ScriptedAnswers(byte[] script) : IPcd
    {
        private const int AnswerHeader = 4;
        private int _at;

        public ReaderStatus Transceive(PcdExchange exchange)
        {
            if (script.Length - _at < AnswerHeader)
            {
                exchange.RxLength = 0;
                return ReaderStatus.Timeout;
            }

            var status = (ReaderStatus)(script[_at] % 9);
            var length = Math.Min(script[_at + 1] % (PcdExchange.MaxFrame + 1), script.Length - _at - AnswerHeader);
            exchange.RxLastBits = script[_at + 2] % 8;
            exchange.CollisionBit = script[_at + 3] == 0xFF ? -1 : script[_at + 3];
            Array.Copy(script, _at + AnswerHeader, exchange.Rx, 0, length);
            exchange.RxLength = length;
            _at += AnswerHeader + length;
            return status;
        }

        public ReaderStatus Authenticate(byte keyCommand, byte block, byte[] key, int keyOffset, byte[] uid, int uidOffset) => ReaderStatus.Ok;

        public void StopCrypto1()
        {
        }
    }
}
