using Terminal.Drivers.Reader;

namespace Terminal.Drivers.Iso14443
{
    /// <summary>
    /// The 4-bit acknowledge frames of ISO/IEC 14443-3 Type A cards: 0xA is ACK; anything else
    /// (MIFARE: 0x0/0x1 invalid operation or transmission error, 0x4/0x5 the same with the
    /// transfer buffer invalidated) is NAK.
    /// </summary>
    public static class AckNak
    {
        public const int Ack = 0x0A;

        public static bool IsFourBitReply(PcdExchange exchange)
        {
            return exchange.RxLength == 1 && exchange.RxLastBits == 4;
        }

        public static bool IsAck(PcdExchange exchange)
        {
            return IsFourBitReply(exchange) && (exchange.Rx[0] & 0x0F) == Ack;
        }

        /// <summary>
        /// The outcome of a command the selected card must acknowledge: silence means the card
        /// left, a reply that is not 4 bits long is a protocol error.
        /// </summary>
        public static ReaderStatus Expect(ReaderStatus status, PcdExchange exchange)
        {
            if (status == ReaderStatus.Timeout)
            {
                return ReaderStatus.CardGone;
            }

            if (status != ReaderStatus.Ok)
            {
                return status;
            }

            if (!IsFourBitReply(exchange))
            {
                return ReaderStatus.ProtocolError;
            }

            return IsAck(exchange) ? ReaderStatus.Ok : ReaderStatus.Nak;
        }

        /// <summary>
        /// The outcome of a command whose success is silence (HLTA, value operation part 2): only
        /// a NAK or a garbled answer is a failure.
        /// </summary>
        public static ReaderStatus ExpectSilence(ReaderStatus status, PcdExchange exchange)
        {
            if (status == ReaderStatus.Timeout)
            {
                return ReaderStatus.Ok;
            }

            if (status != ReaderStatus.Ok)
            {
                return status;
            }

            return IsFourBitReply(exchange) && !IsAck(exchange) ? ReaderStatus.Nak : ReaderStatus.ProtocolError;
        }
    }
}
