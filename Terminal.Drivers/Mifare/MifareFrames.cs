using System;
using Terminal.Drivers.Iso14443;
using Terminal.Drivers.Reader;

namespace Terminal.Drivers.Mifare
{
    /// <summary>The frame shapes MIFARE Classic and Ultralight share: a 16-byte READ and commands answered by a 4-bit ACK.</summary>
    internal static class MifareFrames
    {
        public const byte Read = 0x30;
        public const int ReadLength = 16;

        /// <summary>MIFARE card timeouts: 5 ms for READ and for commands the card acknowledges without programming.</summary>
        public const int AnswerTimeoutMicroseconds = 5000;

        /// <summary>10 ms when the card programs its EEPROM before the ACK (WRITE data, TRANSFER).</summary>
        public const int ProgrammingTimeoutMicroseconds = 10000;

        /// <summary>READ of 16 bytes at <paramref name="address"/> (a block, or the first of four pages); the chip checks the CRC.</summary>
        public static ReaderStatus ReadSixteen(IPcd pcd, PcdExchange x, byte address, byte[] destination, int offset)
        {
            x.Tx[0] = Read;
            x.Tx[1] = address;
            x.Start(2, true, true, AnswerTimeoutMicroseconds);
            ReaderStatus status = pcd.Transceive(x);

            // A NAK carries no CRC, so the chip may also call it a CRC error.
            if (AckNak.IsFourBitReply(x) && (status == ReaderStatus.Ok || status == ReaderStatus.CrcError))
            {
                return ReaderStatus.Nak;
            }

            if (status == ReaderStatus.Timeout)
            {
                return ReaderStatus.CardGone;
            }

            if (status != ReaderStatus.Ok)
            {
                return status;
            }

            if (x.RxLength != ReadLength || x.RxLastBits != 0)
            {
                return ReaderStatus.ProtocolError;
            }

            Array.Copy(x.Rx, 0, destination, offset, ReadLength);
            return ReaderStatus.Ok;
        }

        /// <summary>Sends the first <paramref name="length"/> bytes already in Tx, with CRC, and expects an ACK.</summary>
        public static ReaderStatus SendAcknowledged(IPcd pcd, PcdExchange x, int length, int timeoutMicroseconds)
        {
            x.Start(length, true, false, timeoutMicroseconds);
            return AckNak.Expect(pcd.Transceive(x), x);
        }
    }
}
