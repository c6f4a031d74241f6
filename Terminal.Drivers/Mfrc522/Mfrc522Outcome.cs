using Terminal.Drivers.Reader;

namespace Terminal.Drivers.Mfrc522
{
    /// <summary>What a Transceive's IRQ, ErrorReg, ControlReg and CollReg values mean for the exchange.</summary>
    internal static class Mfrc522Outcome
    {
        /// <summary>
        /// Timeout when only TimerIRq came; BufferOvfl and ProtocolErr are protocol errors; CollErr a
        /// collision; parity and CRC errors are CRC errors.
        /// </summary>
        public static ReaderStatus Decode(PcdExchange exchange, bool answered, byte irq, byte error, byte control)
        {
            if (!answered)
            {
                return ReaderStatus.ChipError;
            }

            if ((irq & (Mfrc522Registers.RxIrq | Mfrc522Registers.IdleIrq)) == 0)
            {
                return ReaderStatus.Timeout;
            }

            if ((error & (Mfrc522Registers.BufferOvfl | Mfrc522Registers.ProtocolErr)) != 0)
            {
                return ReaderStatus.ProtocolError;
            }

            if ((error & Mfrc522Registers.CollErr) != 0)
            {
                return ReaderStatus.Collision;
            }

            if ((error & Mfrc522Registers.ParityErr) != 0)
            {
                return ReaderStatus.CrcError;
            }

            // A 4-bit ACK/NAK carries no CRC: with RxCRCEn the chip flags it, but the answer is whole.
            if ((error & Mfrc522Registers.CrcErr) != 0 && !(exchange.RxCrc && (control & 0x07) == 4))
            {
                return ReaderStatus.CrcError;
            }

            return ReaderStatus.Ok;
        }

        /// <summary>
        /// CollReg counts CollPos (1..32, 0 = 32) from the first UID bit of the cascade level: the bits
        /// sent after SEL and NVB, then the answer's. The exchange counts from bit 0 of Rx[0], which holds
        /// the level bit 8 × (whole UID bytes sent).
        /// </summary>
        public static int CollisionBit(PcdExchange exchange, byte coll)
        {
            if ((coll & Mfrc522Registers.CollPosNotValid) != 0)
            {
                return -1;
            }

            int position = coll & Mfrc522Registers.CollPosMask;
            if (position == 0)
            {
                position = 32;
            }

            int sentBits = (exchange.TxLength - 1) * 8 + (exchange.TxLastBits == 0 ? 8 : exchange.TxLastBits);
            int knownUidBits = sentBits > 16 ? sentBits - 16 : 0;
            int bit = position - 1 - knownUidBits / 8 * 8;
            return bit < 0 ? -1 : bit;
        }
    }
}
