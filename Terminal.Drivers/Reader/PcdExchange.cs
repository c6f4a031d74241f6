namespace Terminal.Drivers.Reader
{
    /// <summary>
    /// One frame to a card and its answer, in buffers that the caller allocates once
    /// and reuses for every tap. Bits go on the air least significant first, as in
    /// ISO/IEC 14443-3.
    /// </summary>
    public sealed class PcdExchange
    {
        public const int MaxFrame = 64;

        public readonly byte[] Tx = new byte[MaxFrame];

        public readonly byte[] Rx = new byte[MaxFrame];

        /// <summary>Bytes of <see cref="Tx"/> to send, the partial last byte included.</summary>
        public int TxLength;

        /// <summary>Valid bits in the last Tx byte: 0 means all 8 (7 for REQA and WUPA short frames).</summary>
        public int TxLastBits;

        /// <summary>
        /// Bit position (0..7) in <c>Rx[0]</c> where the first received bit is stored; anticollision
        /// sets it to the number of bits already known in the last partial byte.
        /// </summary>
        public int RxAlign;

        /// <summary>The reader appends CRC_A to the frame.</summary>
        public bool TxCrc;

        /// <summary>The reader checks and strips CRC_A from the answer.</summary>
        public bool RxCrc;

        /// <summary>How long to wait for the first bit of the answer.</summary>
        public int TimeoutMicroseconds;

        /// <summary>Bytes received into <see cref="Rx"/> (CRC stripped when <see cref="RxCrc"/>), the partial last byte included.</summary>
        public int RxLength;

        /// <summary>Valid bits in the last Rx byte: 0 means all 8 (4 for ACK/NAK).</summary>
        public int RxLastBits;

        /// <summary>
        /// On <see cref="ReaderStatus.Collision"/>: index of the first collided bit counted in
        /// <see cref="Rx"/> from bit 0 of <c>Rx[0]</c> (so <see cref="RxAlign"/> is included); else -1.
        /// </summary>
        public int CollisionBit;

        /// <summary>Sets up a frame of whole bytes.</summary>
        public void Start(int txLength, bool txCrc, bool rxCrc, int timeoutMicroseconds)
        {
            TxLength = txLength;
            TxLastBits = 0;
            RxAlign = 0;
            TxCrc = txCrc;
            RxCrc = rxCrc;
            TimeoutMicroseconds = timeoutMicroseconds;
            RxLength = 0;
            RxLastBits = 0;
            CollisionBit = -1;
        }
    }
}
