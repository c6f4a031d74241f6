using System;
using Terminal.Drivers.Hal;
using Terminal.Drivers.Reader;

namespace Terminal.Drivers.Mfrc522
{
    /// <summary>
    /// MFRC522 driver over SPI. Every exchange fills the FIFO in one burst, starts Transceive, polls
    /// one register burst until the chip answers or its timer runs out, and drains the FIFO in one
    /// burst; the timer is programmed per exchange, so a command whose success is silence costs its
    /// own short timeout, not a fixed 25 ms. Nothing is allocated after construction. Between calls the
    /// chip is idle with an empty FIFO and no pending IRQ, whatever the previous call's outcome.
    /// </summary>
    public sealed class Mfrc522 : IPcd
    {
        /// <summary>MFAuthent timeout; TAuto restarts the timer at each pass, and the card answers within 1 ms (MF1 T21).</summary>
        public const int AuthenticateTimeoutMicroseconds = 2000;

        /// <summary>Beyond the exchange's own timeout: the longest frames on the air plus slack. Past it the chip is dead.</summary>
        private const int ChipSilenceMarginMicroseconds = 20000;

        /// <summary>How long SoftReset may keep PowerDown set: AR allows 3 × 50 ms; a crystal starts in well under that.</summary>
        private const int ResetBudgetMicroseconds = 150000;

        private const int ResetPollMicroseconds = 50;

        /// <summary>Whatever the clock does, a wait never polls more often than this.</summary>
        private const int MaxPolls = 4000;

        private const int Unprogrammed = -1;

        private readonly Mfrc522Bus _bus;
        private readonly IClock _clock;
        private readonly ReceiverGain _gain;
        private readonly byte[] _transceivePoll;
        private readonly byte[] _transceiveValues;
        private readonly byte[] _authenticatePoll;
        private readonly byte[] _authenticateValues;
        private readonly byte[] _crcPoll;
        private readonly byte[] _crcValues;
        private readonly byte[] _authenticateFrame = new byte[12];
        private int _pollInterval;
        private bool _ready;
        private int _reload = Unprogrammed;
        private int _txMode = Unprogrammed;
        private int _rxMode = Unprogrammed;

        public Mfrc522(ISpiDevice spi, IClock clock)
            : this(spi, clock, ReceiverGain.Db33)
        {
        }

        public Mfrc522(ISpiDevice spi, IClock clock, ReceiverGain gain)
        {
            if (spi == null || clock == null)
            {
                throw new ArgumentNullException(spi == null ? "spi" : "clock");
            }

            _bus = new Mfrc522Bus(spi);
            _clock = clock;
            _gain = gain;
            _transceivePoll = Addresses(Mfrc522Registers.ComIrq, Mfrc522Registers.Error, Mfrc522Registers.FifoLevel, Mfrc522Registers.Control, Mfrc522Registers.Coll);
            _transceiveValues = new byte[_transceivePoll.Length];
            _authenticatePoll = Addresses(Mfrc522Registers.ComIrq, Mfrc522Registers.Error, Mfrc522Registers.FifoLevel, Mfrc522Registers.Status2);
            _authenticateValues = new byte[_authenticatePoll.Length];
            _crcPoll = Addresses(Mfrc522Registers.DivIrq, Mfrc522Registers.CrcResultL, Mfrc522Registers.CrcResultH);
            _crcValues = new byte[_crcPoll.Length];
            PollIntervalMicroseconds = 50;
        }

        /// <summary>VersionReg as read by the last <see cref="Init"/>.</summary>
        public byte Version { get; private set; }

        public Mfrc522ChipKind ChipKind { get; private set; }

        /// <summary>Pause between two IRQ polls while the chip works; on the device each poll also costs interpreter time.</summary>
        public int PollIntervalMicroseconds
        {
            get
            {
                return _pollInterval;
            }

            set
            {
                if (value < 0)
                {
                    throw new ArgumentOutOfRangeException("value", "The poll interval cannot be negative.");
                }

                _pollInterval = value;
            }
        }

        /// <summary>
        /// Soft reset, chip identification and set-up for ISO 14443A at 106 kBd: 100 % ASK, CRC preset
        /// 6363, TAuto timer in 25 µs ticks, receiver gain, antenna on. ChipError when no MFRC522 answers.
        /// </summary>
        public ReaderStatus Init()
        {
            _ready = false;
            _bus.Write(Mfrc522Registers.Command, Mfrc522Registers.SoftReset);
            if (!WaitForWakeUp())
            {
                return ReaderStatus.ChipError;
            }

            Version = _bus.Read(Mfrc522Registers.Version);
            ChipKind = Mfrc522Versions.Classify(Version);
            if (ChipKind == Mfrc522ChipKind.Unknown)
            {
                return ReaderStatus.ChipError;
            }

            // SoftReset left TxMode/RxMode at 0 (106 kBd, no CRC) and ModWidth at 0x26.
            _txMode = 0;
            _rxMode = 0;
            _bus.Write(Mfrc522Registers.TMode, Mfrc522Timer.TModeAuto);
            _bus.Write(Mfrc522Registers.TPrescaler, Mfrc522Timer.Prescaler);
            _reload = 0;
            _bus.Write(Mfrc522Registers.TxAsk, Mfrc522Registers.Force100Ask);
            _bus.Write(Mfrc522Registers.Mode, Mfrc522Registers.ModeCrcA);

            // ValuesAfterColl = 0: bits after a collision read as 0, as anticollision needs.
            _bus.Write(Mfrc522Registers.Coll, 0x00);
            _bus.Write(Mfrc522Registers.RfCfg, (byte)(((int)_gain << 4) | Mfrc522Registers.RfCfgReserved));
            _bus.Write(Mfrc522Registers.ComIrq, Mfrc522Registers.ClearAllIrqs);
            _bus.Write(Mfrc522Registers.DivIrq, Mfrc522Registers.ClearAllIrqs);
            _bus.Write(Mfrc522Registers.TxControl, Mfrc522Registers.AntennaOn);
            _ready = true;
            return ReaderStatus.Ok;
        }

        public ReaderStatus Transceive(PcdExchange exchange)
        {
            CheckExchange(exchange);
            exchange.RxLength = 0;
            exchange.RxLastBits = 0;
            exchange.CollisionBit = -1;
            if (!_ready)
            {
                return ReaderStatus.ChipError;
            }

            ProgramTimeout(exchange.TimeoutMicroseconds);
            ProgramCrc(exchange.TxCrc, exchange.RxCrc);
            byte framing = (byte)((exchange.RxAlign << 4) | exchange.TxLastBits);
            _bus.Write(Mfrc522Registers.BitFraming, framing);
            _bus.WriteBurst(Mfrc522Registers.FifoData, exchange.Tx, 0, exchange.TxLength);
            _bus.Write(Mfrc522Registers.Command, Mfrc522Registers.Transceive);
            _bus.Write(Mfrc522Registers.BitFraming, (byte)(Mfrc522Registers.StartSend | framing));

            byte[] v = _transceiveValues;
            bool answered = Poll(_transceivePoll, v, Mfrc522Registers.RxIrq | Mfrc522Registers.IdleIrq | Mfrc522Registers.TimerIrq, exchange.TimeoutMicroseconds);
            int fifoLevel = v[2];
            ReaderStatus status = Decode(exchange, answered, v[0], v[1], v[3], v[4]);
            if (status == ReaderStatus.Ok || status == ReaderStatus.Collision || status == ReaderStatus.CrcError)
            {
                if (fifoLevel > PcdExchange.MaxFrame)
                {
                    status = ReaderStatus.ProtocolError;
                }
                else
                {
                    ReadAnswer(exchange, fifoLevel, v[3]);
                    fifoLevel = 0;
                }
            }

            if (status == ReaderStatus.Collision)
            {
                exchange.CollisionBit = CollisionBit(exchange, v[4]);
            }

            Finish(true, fifoLevel != 0);
            return status;
        }

        public ReaderStatus Authenticate(byte keyCommand, byte block, byte[] key, int keyOffset, byte[] uid, int uidOffset)
        {
            if (keyCommand != 0x60 && keyCommand != 0x61)
            {
                throw new ArgumentException("MIFARE authentication uses 0x60 (key A) or 0x61 (key B).", "keyCommand");
            }

            if (key == null || uid == null || keyOffset < 0 || keyOffset + 6 > key.Length || uidOffset < 0 || uidOffset + 4 > uid.Length)
            {
                throw new ArgumentException("Authentication needs 6 key bytes and 4 UID bytes.");
            }

            if (!_ready)
            {
                return ReaderStatus.ChipError;
            }

            byte[] frame = _authenticateFrame;
            frame[0] = keyCommand;
            frame[1] = block;
            Array.Copy(key, keyOffset, frame, 2, 6);
            Array.Copy(uid, uidOffset, frame, 8, 4);
            ProgramTimeout(AuthenticateTimeoutMicroseconds);
            _bus.WriteBurst(Mfrc522Registers.FifoData, frame, 0, frame.Length);
            _bus.Write(Mfrc522Registers.Command, Mfrc522Registers.MfAuthent);

            byte[] v = _authenticateValues;
            bool answered = Poll(_authenticatePoll, v, Mfrc522Registers.IdleIrq | Mfrc522Registers.TimerIrq, AuthenticateTimeoutMicroseconds);
            bool ended = answered && (v[0] & Mfrc522Registers.IdleIrq) != 0;
            ReaderStatus status;
            if (!answered)
            {
                status = ReaderStatus.ChipError;
            }
            else if (!ended)
            {
                // The card never finished the three passes: a wrong key looks exactly like this.
                status = ReaderStatus.AuthFailed;
            }
            else if ((v[1] & (Mfrc522Registers.ProtocolErr | Mfrc522Registers.BufferOvfl)) != 0)
            {
                status = ReaderStatus.ProtocolError;
            }
            else
            {
                status = (v[3] & Mfrc522Registers.MfCrypto1On) != 0 ? ReaderStatus.Ok : ReaderStatus.AuthFailed;
            }

            Finish(!ended, v[2] != 0);
            return status;
        }

        public void StopCrypto1()
        {
            // Status2Reg holds nothing else this driver sets.
            _bus.Write(Mfrc522Registers.Status2, 0x00);
        }

        /// <summary>
        /// CRC_A of <paramref name="count"/> bytes (at most 64) by the chip's coprocessor, written low byte
        /// first to <paramref name="result"/>, as it goes on the air.
        /// </summary>
        public ReaderStatus CalculateCrc(byte[] data, int offset, int count, byte[] result, int resultOffset)
        {
            if (data == null || result == null || offset < 0 || count < 0 || count > PcdExchange.MaxFrame || offset + count > data.Length
                || resultOffset < 0 || resultOffset + 2 > result.Length)
            {
                throw new ArgumentException("CalculateCrc needs at most 64 bytes in range and 2 bytes for the result.");
            }

            if (!_ready)
            {
                return ReaderStatus.ChipError;
            }

            if (count > 0)
            {
                _bus.WriteBurst(Mfrc522Registers.FifoData, data, offset, count);
            }

            _bus.Write(Mfrc522Registers.Command, Mfrc522Registers.CalcCrc);
            byte[] v = _crcValues;
            bool done = Poll(_crcPoll, v, Mfrc522Registers.CrcIrq, 0);
            _bus.Write(Mfrc522Registers.DivIrq, Mfrc522Registers.ClearAllIrqs);
            Finish(true, !done);
            if (!done)
            {
                return ReaderStatus.ChipError;
            }

            result[resultOffset] = v[1];
            result[resultOffset + 1] = v[2];
            return ReaderStatus.Ok;
        }

        private static byte[] Addresses(byte a, byte b, byte c, byte d, byte e)
        {
            return new byte[] { Mfrc522Bus.ReadAddress(a), Mfrc522Bus.ReadAddress(b), Mfrc522Bus.ReadAddress(c), Mfrc522Bus.ReadAddress(d), Mfrc522Bus.ReadAddress(e) };
        }

        private static byte[] Addresses(byte a, byte b, byte c, byte d)
        {
            return new byte[] { Mfrc522Bus.ReadAddress(a), Mfrc522Bus.ReadAddress(b), Mfrc522Bus.ReadAddress(c), Mfrc522Bus.ReadAddress(d) };
        }

        private static byte[] Addresses(byte a, byte b, byte c)
        {
            return new byte[] { Mfrc522Bus.ReadAddress(a), Mfrc522Bus.ReadAddress(b), Mfrc522Bus.ReadAddress(c) };
        }

        private static void CheckExchange(PcdExchange exchange)
        {
            if (exchange == null)
            {
                throw new ArgumentNullException("exchange");
            }

            if (exchange.TxLength < 1 || exchange.TxLength > PcdExchange.MaxFrame || exchange.TxLastBits < 0 || exchange.TxLastBits > 7
                || exchange.RxAlign < 0 || exchange.RxAlign > 7
                || exchange.TimeoutMicroseconds < 1 || exchange.TimeoutMicroseconds > Mfrc522Timer.MaxTimeoutMicroseconds)
            {
                throw new ArgumentException("The exchange needs 1..64 Tx bytes, TxLastBits and RxAlign 0..7 and a timeout of 1 µs..1.6 s.", "exchange");
            }
        }

        /// <summary>Polls SoftReset's PowerDown bit until the oscillator runs; a chip that never clears it is dead.</summary>
        private bool WaitForWakeUp()
        {
            long deadline = _clock.MonotonicMicroseconds + ResetBudgetMicroseconds;
            for (int i = 0; i < MaxPolls; i++)
            {
                _clock.Delay(ResetPollMicroseconds);
                if ((_bus.Read(Mfrc522Registers.Command) & Mfrc522Registers.PowerDown) == 0)
                {
                    return true;
                }

                if (_clock.MonotonicMicroseconds >= deadline)
                {
                    return false;
                }
            }

            return false;
        }

        /// <summary>
        /// Reads <paramref name="addresses"/> in one burst until the first value has a bit of
        /// <paramref name="mask"/>. False when the chip stays silent past the timeout plus the margin.
        /// </summary>
        private bool Poll(byte[] addresses, byte[] values, int mask, int timeoutMicroseconds)
        {
            long deadline = _clock.MonotonicMicroseconds + timeoutMicroseconds + ChipSilenceMarginMicroseconds;
            for (int i = 0; i < MaxPolls; i++)
            {
                _bus.ReadSequence(addresses, values);
                if ((values[0] & mask) != 0)
                {
                    return true;
                }

                if (_clock.MonotonicMicroseconds >= deadline)
                {
                    return false;
                }

                _clock.Delay(PollIntervalMicroseconds);
            }

            return false;
        }

        private static ReaderStatus Decode(PcdExchange exchange, bool answered, byte irq, byte error, byte control, byte coll)
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
        /// Drains the FIFO into Rx. With RxAlign the chip stores the first bit at that position of Rx[0];
        /// the bits below it keep what the caller had there, as the Arduino library does.
        /// </summary>
        private void ReadAnswer(PcdExchange exchange, int count, byte control)
        {
            exchange.RxLength = count;
            exchange.RxLastBits = control & 0x07;
            if (count == 0)
            {
                return;
            }

            byte first = exchange.Rx[0];
            _bus.ReadRepeated(Mfrc522Registers.FifoData, exchange.Rx, 0, count);
            if (exchange.RxAlign != 0)
            {
                int below = (1 << exchange.RxAlign) - 1;
                exchange.Rx[0] = (byte)((first & below) | (exchange.Rx[0] & ~below));
            }
        }

        /// <summary>
        /// CollReg counts CollPos (1..32, 0 = 32) from the first UID bit of the cascade level: the bits
        /// sent after SEL and NVB, then the answer's. The exchange counts from bit 0 of Rx[0], which holds
        /// the level bit 8 × (whole UID bytes sent).
        /// </summary>
        private static int CollisionBit(PcdExchange exchange, byte coll)
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

        private void ProgramTimeout(int timeoutMicroseconds)
        {
            int reload = Mfrc522Timer.ReloadFor(timeoutMicroseconds);
            if (reload == _reload)
            {
                return;
            }

            if (_reload == Unprogrammed || (reload >> 8) != (_reload >> 8))
            {
                _bus.Write(Mfrc522Registers.TReloadH, (byte)(reload >> 8));
            }

            if (_reload == Unprogrammed || (reload & 0xFF) != (_reload & 0xFF))
            {
                _bus.Write(Mfrc522Registers.TReloadL, (byte)reload);
            }

            _reload = reload;
        }

        private void ProgramCrc(bool tx, bool rx)
        {
            int txMode = tx ? Mfrc522Registers.CrcEnabled : 0;
            int rxMode = rx ? Mfrc522Registers.CrcEnabled : 0;
            if (txMode != _txMode)
            {
                _bus.Write(Mfrc522Registers.TxMode, (byte)txMode);
                _txMode = txMode;
            }

            if (rxMode != _rxMode)
            {
                _bus.Write(Mfrc522Registers.RxMode, (byte)rxMode);
                _rxMode = rxMode;
            }
        }

        /// <summary>Back to the resting state: command idle, IRQs cleared, FIFO empty.</summary>
        private void Finish(bool commandRunning, bool fifoHoldsData)
        {
            if (commandRunning)
            {
                _bus.Write(Mfrc522Registers.Command, Mfrc522Registers.Idle);
            }

            // Flush before clearing: emptying the FIFO latches LoAlertIRq.
            if (fifoHoldsData)
            {
                _bus.Write(Mfrc522Registers.FifoLevel, Mfrc522Registers.FlushBuffer);
            }

            _bus.Write(Mfrc522Registers.ComIrq, Mfrc522Registers.ClearAllIrqs);
        }
    }
}
