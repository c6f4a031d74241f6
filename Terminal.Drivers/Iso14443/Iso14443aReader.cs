using System;
using Terminal.Drivers.Reader;

namespace Terminal.Drivers.Iso14443
{
    /// <summary>
    /// ISO/IEC 14443-3 Type A activation on top of a reader chip: REQA/WUPA, bit-oriented
    /// anticollision and SELECT through up to three cascade levels, and HLTA. Every method returns
    /// a status and allocates nothing.
    /// </summary>
    public sealed class Iso14443aReader
    {
        public const byte ReqA = 0x26;
        public const byte WupA = 0x52;
        public const byte HltA = 0x50;

        /// <summary>Cards answer activation frames after a fixed ~86 µs; a millisecond is ample and keeps an empty field cheap to poll.</summary>
        public const int ActivationTimeoutMicroseconds = 1000;

        /// <summary>HLTA succeeded when the card stays silent for 1 ms (ISO/IEC 14443-3), not for the chip's default 25 ms.</summary>
        public const int HaltSilenceMicroseconds = 1000;

        private const int ShortFrameBits = 7;
        private const byte NvbSelect = 0x70;
        private const int UidBitsPerLevel = 32;
        private const int LevelBits = 8 * CascadeLevels.LevelLength;

        private readonly IPcd _pcd;
        private readonly PcdExchange _exchange = new PcdExchange();
        private readonly byte[] _level = new byte[CascadeLevels.LevelLength];

        /// <summary>
        /// A card answered a request and has not been halted since: it may still be READY or ACTIVE,
        /// where a WUPA is an error that only drops it to IDLE, silently.
        /// </summary>
        private bool _cardMayBeAwake;

        public Iso14443aReader(IPcd pcd)
        {
            _pcd = pcd;
        }

        /// <summary>REQA: wakes cards in IDLE. Collision means several cards with different ATQAs answered, so cards are there.</summary>
        public ReaderStatus RequestA(SelectedCard card)
        {
            return Request(ReqA, card);
        }

        /// <summary>WUPA: like REQA, but also wakes cards in HALT.</summary>
        public ReaderStatus WakeUpA(SelectedCard card)
        {
            return Request(WupA, card);
        }

        /// <summary>
        /// The tap loop's probe: WUPA (so a card halted by the previous tap, or left awake by an
        /// aborted one, is seen again), then anticollision and SELECT of one card, the others
        /// staying unselected. Timeout means an empty field.
        /// </summary>
        public ReaderStatus DetectCard(SelectedCard card)
        {
            ReaderStatus status = WakeUpAfterAnyTap(card);
            if (status != ReaderStatus.Ok && status != ReaderStatus.Collision)
            {
                return status;
            }

            return Select(card);
        }

        /// <summary>
        /// Finds the cards in the field one by one: each is selected, recorded and halted, and the
        /// next REQA wakes only those not yet seen. Stops when the field is silent or
        /// <paramref name="cards"/> is full; all found cards are left in HALT.
        /// </summary>
        public ReaderStatus SelectAll(SelectedCard[] cards, out int count)
        {
            count = 0;
            while (count < cards.Length)
            {
                SelectedCard card = cards[count];
                ReaderStatus status = count == 0 ? WakeUpAfterAnyTap(card) : RequestA(card);
                if (status == ReaderStatus.Timeout)
                {
                    return ReaderStatus.Ok;
                }

                if (status != ReaderStatus.Ok && status != ReaderStatus.Collision)
                {
                    return status;
                }

                status = Select(card);
                if (status != ReaderStatus.Ok)
                {
                    return status;
                }

                count++;
                status = HaltA();
                if (status != ReaderStatus.Ok)
                {
                    return status;
                }
            }

            return ReaderStatus.Ok;
        }

        /// <summary>
        /// Anticollision and SELECT through the cascade levels after a REQA or WUPA was answered;
        /// fills the UID (cascade tags left out), SAK and type. CardGone when the card stops answering.
        /// </summary>
        public ReaderStatus Select(SelectedCard card)
        {
            card.Uid.Clear();
            card.Sak = 0;
            card.Type = CardType.Unknown;
            for (int level = 0; level < CascadeLevels.MaxLevels; level++)
            {
                ReaderStatus status = Anticollision(level);
                if (status != ReaderStatus.Ok)
                {
                    return status;
                }

                status = SelectLevel(level, card);
                if (status != ReaderStatus.Ok)
                {
                    return status;
                }

                bool incomplete = Sak.UidIncomplete(card.Sak);
                if (!CascadeLevels.Append(card.Uid, _level, 0, incomplete))
                {
                    return ReaderStatus.ProtocolError;
                }

                if (!incomplete)
                {
                    card.Type = Sak.Decode(card.Sak);
                    return ReaderStatus.Ok;
                }
            }

            // The card claims a fourth cascade level.
            return ReaderStatus.ProtocolError;
        }

        /// <summary>
        /// WUPA, then SELECT of the card whose UID is already in <paramref name="card"/>, without
        /// anticollision. CardGone when that card is not in the field: this tells a vanished card
        /// from a refused authentication, which look alike on the air.
        /// </summary>
        public ReaderStatus Reselect(SelectedCard card)
        {
            ReaderStatus status = WakeUpAfterAnyTap(card);
            if (status == ReaderStatus.Timeout)
            {
                return ReaderStatus.CardGone;
            }

            if (status != ReaderStatus.Ok && status != ReaderStatus.Collision)
            {
                return status;
            }

            int levels = CascadeLevels.Count(card.Uid.Length);
            for (int level = 0; level < levels; level++)
            {
                CascadeLevels.Fill(card.Uid, level, _level, 0);
                status = SelectLevel(level, card);
                if (status != ReaderStatus.Ok)
                {
                    return status;
                }

                if (Sak.UidIncomplete(card.Sak) != (level < levels - 1))
                {
                    return ReaderStatus.ProtocolError;
                }
            }

            card.Type = Sak.Decode(card.Sak);
            return ReaderStatus.Ok;
        }

        /// <summary>
        /// HLTA, then Crypto1 off. After authentication HLTA must go out encrypted or the card
        /// ignores it, and the next WUPA must go out in clear or nothing answers: hence this order.
        /// </summary>
        public ReaderStatus HaltA()
        {
            PcdExchange x = _exchange;
            x.Start(2, true, false, HaltSilenceMicroseconds);
            x.Tx[0] = HltA;
            x.Tx[1] = 0x00;
            ReaderStatus status = _pcd.Transceive(x);
            _pcd.StopCrypto1();
            status = AckNak.ExpectSilence(status, x);
            if (status == ReaderStatus.Ok)
            {
                _cardMayBeAwake = false;
            }

            return status;
        }

        /// <summary>
        /// WUPA whatever the previous tap left behind: Crypto1 off (after an aborted authenticated
        /// session an encrypted WUPA wakes nobody), and a second WUPA when the first may only have
        /// knocked a card that was never halted back to IDLE.
        /// </summary>
        private ReaderStatus WakeUpAfterAnyTap(SelectedCard card)
        {
            _pcd.StopCrypto1();
            bool retry = _cardMayBeAwake;
            ReaderStatus status = WakeUpA(card);
            if (status == ReaderStatus.Timeout && retry)
            {
                status = WakeUpA(card);
            }

            return status;
        }

        private ReaderStatus Request(byte command, SelectedCard card)
        {
            PcdExchange x = _exchange;
            x.Start(1, false, false, ActivationTimeoutMicroseconds);
            x.Tx[0] = command;
            x.TxLastBits = ShortFrameBits;
            card.Atqa = 0;
            ReaderStatus status = _pcd.Transceive(x);
            _cardMayBeAwake = status != ReaderStatus.Timeout;
            if (status != ReaderStatus.Ok)
            {
                return status;
            }

            if (x.RxLength != 2 || x.RxLastBits != 0)
            {
                return ReaderStatus.ProtocolError;
            }

            card.Atqa = x.Rx[0] | (x.Rx[1] << 8);
            return ReaderStatus.Ok;
        }

        /// <summary>
        /// Learns one level's 4 UID bytes and BCC into <see cref="_level"/>. The reader sends the
        /// bits it knows; every card whose UID starts with them answers the rest. Where they
        /// disagree the reader takes the 1 branch and asks again, so one card wins.
        /// </summary>
        private ReaderStatus Anticollision(int level)
        {
            PcdExchange x = _exchange;
            byte[] known = _level;
            Array.Clear(known, 0, known.Length);
            int knownBits = 0;

            // Each collision fixes at least one more of the 32 UID bits.
            for (int round = 0; round <= UidBitsPerLevel; round++)
            {
                int wholeBytes = knownBits / 8;
                int extraBits = knownBits % 8;
                int sentBytes = wholeBytes + (extraBits != 0 ? 1 : 0);
                x.Start(2 + sentBytes, false, false, ActivationTimeoutMicroseconds);
                x.Tx[0] = CascadeLevels.Selector(level);
                x.Tx[1] = (byte)(((2 + wholeBytes) << 4) | extraBits);
                Array.Copy(known, 0, x.Tx, 2, sentBytes);
                x.TxLastBits = extraBits;
                x.RxAlign = extraBits;

                ReaderStatus status = _pcd.Transceive(x);
                if (status == ReaderStatus.Ok)
                {
                    if (x.RxLength != CascadeLevels.LevelLength - wholeBytes || x.RxLastBits != 0)
                    {
                        return ReaderStatus.ProtocolError;
                    }

                    TakeBits(known, knownBits, LevelBits, x.Rx);
                    return CascadeLevels.Bcc(known, 0) == known[4] ? ReaderStatus.Ok : ReaderStatus.CrcError;
                }

                if (status != ReaderStatus.Collision)
                {
                    return status == ReaderStatus.Timeout ? ReaderStatus.CardGone : status;
                }

                int collisionBit = x.CollisionBit < 0 ? -1 : 8 * wholeBytes + x.CollisionBit;
                if (collisionBit < knownBits || collisionBit >= UidBitsPerLevel)
                {
                    return ReaderStatus.ProtocolError;
                }

                TakeBits(known, knownBits, collisionBit, x.Rx);
                known[collisionBit / 8] |= (byte)(1 << (collisionBit % 8));
                knownBits = collisionBit + 1;
            }

            return ReaderStatus.ProtocolError;
        }

        /// <summary>
        /// Copies level bits [from, to) out of an anticollision answer, whose bit 0 of Rx[0] is
        /// level bit 8 * (from / 8): the reader chip stores the first received bit at RxAlign.
        /// </summary>
        private static void TakeBits(byte[] level, int from, int to, byte[] rx)
        {
            int firstByte = from / 8;
            for (int i = firstByte; 8 * i < to; i++)
            {
                int keep = 0;
                int low = from - 8 * i;
                if (low > 0)
                {
                    keep |= (1 << low) - 1;
                }

                int high = to - 8 * i;
                if (high < 8)
                {
                    keep |= 0xFF & ~((1 << high) - 1);
                }

                level[i] = (byte)((level[i] & keep) | (rx[i - firstByte] & ~keep & 0xFF));
            }
        }

        private ReaderStatus SelectLevel(int level, SelectedCard card)
        {
            PcdExchange x = _exchange;
            x.Start(2 + CascadeLevels.LevelLength, true, true, ActivationTimeoutMicroseconds);
            x.Tx[0] = CascadeLevels.Selector(level);
            x.Tx[1] = NvbSelect;
            Array.Copy(_level, 0, x.Tx, 2, CascadeLevels.LevelLength);
            ReaderStatus status = _pcd.Transceive(x);
            if (status == ReaderStatus.Timeout)
            {
                return ReaderStatus.CardGone;
            }

            if (status != ReaderStatus.Ok)
            {
                return status;
            }

            if (x.RxLength != 1 || x.RxLastBits != 0)
            {
                return ReaderStatus.ProtocolError;
            }

            card.Sak = x.Rx[0];
            return ReaderStatus.Ok;
        }
    }
}
