using System;
using Terminal.Drivers.Reader;

namespace Terminal.Drivers.Mifare
{
    /// <summary>
    /// MIFARE Ultralight / NTAG page commands for single-ride paper tickets: 4-byte pages, READ
    /// returns four of them. These cards hold no secrets, so what they store must be MAC-signed.
    /// </summary>
    public sealed class Ultralight
    {
        public const int PageSize = 4;
        public const int PagesPerRead = 4;
        public const byte WritePageCommand = 0xA2;

        private readonly IPcd _pcd;
        private readonly PcdExchange _exchange = new PcdExchange();

        public Ultralight(IPcd pcd)
        {
            _pcd = pcd;
        }

        /// <summary>Reads pages <paramref name="page"/>..+3 (16 bytes); past the end an Ultralight wraps to page 0, an NTAG NAKs.</summary>
        public ReaderStatus ReadPages(byte page, byte[] destination, int offset)
        {
            return MifareFrames.ReadSixteen(_pcd, _exchange, page, destination, offset);
        }

        /// <summary>Writes one 4-byte page; lock and OTP pages only ever gain bits.</summary>
        public ReaderStatus WritePage(byte page, byte[] source, int offset)
        {
            PcdExchange x = _exchange;
            x.Tx[0] = WritePageCommand;
            x.Tx[1] = page;
            Array.Copy(source, offset, x.Tx, 2, PageSize);
            return MifareFrames.SendAcknowledged(_pcd, x, 2 + PageSize, MifareFrames.ProgrammingTimeoutMicroseconds);
        }
    }
}
