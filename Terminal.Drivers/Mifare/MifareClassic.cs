using System;
using Terminal.Drivers.Iso14443;
using Terminal.Drivers.Reader;

namespace Terminal.Drivers.Mifare
{
    /// <summary>
    /// MIFARE Classic commands for a card selected by <see cref="Iso14443aReader"/>: authentication,
    /// block read and write, and the value operations. A command the card must answer but does not
    /// gives CardGone. End the session with <see cref="Iso14443aReader.HaltA"/>, which sends HLTA
    /// while Crypto1 is still on and only then turns it off.
    /// </summary>
    public sealed class MifareClassic
    {
        public const byte WriteCommand = 0xA0;
        public const byte DecrementCommand = 0xC0;
        public const byte IncrementCommand = 0xC1;
        public const byte RestoreCommand = 0xC2;
        public const byte TransferCommand = 0xB0;

        /// <summary>
        /// Part 2 of a value operation is answered only by a NAK, right after the frame; waiting
        /// the card's full 5 ms (or the chip's 25 ms default) for silence would cost every tap.
        /// </summary>
        public const int ValueSilenceMicroseconds = 1000;

        private const int OperandLength = 4;

        private readonly IPcd _pcd;
        private readonly PcdExchange _exchange = new PcdExchange();

        public MifareClassic(IPcd pcd)
        {
            _pcd = pcd;
        }

        /// <summary>
        /// Three-pass authentication for the sector of <paramref name="block"/>, with the UID bytes
        /// Crypto1 uses (the last 4). A wrong key and a card that left look alike (the card just
        /// stays silent): both give AuthFailed, and the card must be reselected either way;
        /// <see cref="Iso14443aReader.Reselect"/> tells them apart.
        /// </summary>
        public ReaderStatus Authenticate(MifareKeyType keyType, byte block, byte[] key, int keyOffset, CardUid uid)
        {
            ReaderStatus status = _pcd.Authenticate((byte)keyType, block, key, keyOffset, uid.Bytes, uid.Crypto1Offset);
            return status == ReaderStatus.Timeout ? ReaderStatus.AuthFailed : status;
        }

        public ReaderStatus ReadBlock(byte block, byte[] destination, int offset)
        {
            return MifareFrames.ReadSixteen(_pcd, _exchange, block, destination, offset);
        }

        /// <summary>WRITE in two acknowledged parts: the command, then the 16 bytes (after which the card programs them).</summary>
        public ReaderStatus WriteBlock(byte block, byte[] source, int offset)
        {
            ReaderStatus status = Command(WriteCommand, block);
            if (status != ReaderStatus.Ok)
            {
                return status;
            }

            Array.Copy(source, offset, _exchange.Tx, 0, ClassicLayout.BlockSize);
            return MifareFrames.SendAcknowledged(_pcd, _exchange, ClassicLayout.BlockSize, MifareFrames.ProgrammingTimeoutMicroseconds);
        }

        /// <summary>Adds <paramref name="amount"/> (not negative) to the value block into the card's transfer buffer; persist with <see cref="Transfer"/>.</summary>
        public ReaderStatus Increment(byte block, int amount)
        {
            return ValueOperation(IncrementCommand, block, amount);
        }

        /// <summary>Subtracts <paramref name="amount"/> (not negative) from the value block into the transfer buffer; persist with <see cref="Transfer"/>.</summary>
        public ReaderStatus Decrement(byte block, int amount)
        {
            return ValueOperation(DecrementCommand, block, amount);
        }

        /// <summary>Copies the value block into the transfer buffer, e.g. to back it up elsewhere with <see cref="Transfer"/>.</summary>
        public ReaderStatus Restore(byte block)
        {
            return ValueOperation(RestoreCommand, block, 0);
        }

        /// <summary>Writes the transfer buffer to <paramref name="block"/>: until then a value operation changed nothing.</summary>
        public ReaderStatus Transfer(byte block)
        {
            _exchange.Tx[0] = TransferCommand;
            _exchange.Tx[1] = block;
            return MifareFrames.SendAcknowledged(_pcd, _exchange, 2, MifareFrames.ProgrammingTimeoutMicroseconds);
        }

        private ReaderStatus ValueOperation(byte command, byte block, int amount)
        {
            // The card's arithmetic on a negative operand is undefined; a negative decrement would be a top-up.
            if (amount < 0)
            {
                throw new ArgumentOutOfRangeException("amount", "value operations take a non-negative amount");
            }

            ReaderStatus status = Command(command, block);
            if (status != ReaderStatus.Ok)
            {
                return status;
            }

            PcdExchange x = _exchange;
            ValueBlock.WriteInt(amount, x.Tx, 0);
            x.Start(OperandLength, true, false, ValueSilenceMicroseconds);
            return AckNak.ExpectSilence(_pcd.Transceive(x), x);
        }

        private ReaderStatus Command(byte command, byte block)
        {
            _exchange.Tx[0] = command;
            _exchange.Tx[1] = block;
            return MifareFrames.SendAcknowledged(_pcd, _exchange, 2, MifareFrames.AnswerTimeoutMicroseconds);
        }
    }
}
