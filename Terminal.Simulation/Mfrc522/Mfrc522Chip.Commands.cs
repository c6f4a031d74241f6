using Terminal.Drivers.Iso14443;
using Terminal.Simulation.Rf;

namespace Terminal.Simulation.Mfrc522;

/// <summary>
/// The command engine (datasheet §10). Work on the air happens when a command starts, through the
/// RF channel; its effects (IRQs, FIFO data, errors) become visible at the simulated time they
/// occur, so a driver that polls sees them exactly as late as on silicon.
/// </summary>
public sealed partial class Mfrc522Chip
{
    private const int MemBufferLength = 25;
    private const int AuthenticateFifoBytes = 12;

    /// <summary>Both authentication passes on the air: 818 µs + 86 µs + 1158 µs (reference air-time model).</summary>
    private const long AuthenticateMicroseconds = 2_062;

    /// <summary>The first pass, <c>60/61 block CRC</c>, after which TAuto starts the timer.</summary>
    private const long AuthenticateFirstFrameMicroseconds = 368;

    private readonly byte[] _memBuffer = new byte[MemBufferLength];
    private Mfrc522Command _command;
    private bool _awaitingStartSend;
    private long? _transmissionEndsAt;
    private PendingReception? _reception;
    private long? _commandEndsAt;
    private bool _parityFault;

    private sealed record PendingReception(Reception Reception, long At, int RxAlign, bool CheckCrc, int SentBits, bool ParityFault);

    /// <summary>Applies, in time order, every event due by now.</summary>
    private void Update()
    {
        var now = Clock.MonotonicMicroseconds;
        while (true)
        {
            var next = Earliest(_transmissionEndsAt, _reception?.At, _commandEndsAt, _timer.ExpiresAt);
            if (next is not { } due || due > now)
            {
                return;
            }

            if (_transmissionEndsAt == due)
            {
                EndTransmission(due);
            }
            else if (_reception?.At == due)
            {
                Deliver(_reception);
            }
            else if (_commandEndsAt == due)
            {
                _commandEndsAt = null;
                Crypto1On = true;
                EndCommand();
            }
            else if (_timer.Update(due))
            {
                _comIrq |= TimerIrq;
            }
        }
    }

    private static long? Earliest(params long?[] times) => times.Where(t => t.HasValue).Min();

    private void WriteCommand(byte value)
    {
        var wasPoweredDown = _powerDown;
        _rcvOff = (value & RcvOff) != 0;
        _powerDown = (value & PowerDown) != 0;
        if (wasPoweredDown && !_powerDown)
        {
            _awakeAt = Clock.MonotonicMicroseconds + _options.WakeUpMicroseconds;
        }

        var command = (Mfrc522Command)(value & 0x0F);
        if (command == Mfrc522Command.NoCmdChange || WakingUp)
        {
            return;
        }

        Abort();
        switch (command)
        {
            case Mfrc522Command.Idle:
                break;
            case Mfrc522Command.Mem:
                Begin(command);
                RunMem();
                EndCommand();
                break;
            case Mfrc522Command.CalcCrc:
                Begin(command);
                _crc.Start(CrcUnit.PresetFor(_registers[(int)Mfrc522Register.Mode]));
                FeedCrc();
                break;
            case Mfrc522Command.Transceive:
                Begin(command);
                _awaitingStartSend = true;
                break;
            case Mfrc522Command.MfAuthent:
                Begin(command);
                Authenticate();
                break;
            case Mfrc522Command.SoftReset:
                SoftReset();
                break;
            case Mfrc522Command.GenerateRandomId or Mfrc522Command.Transmit or Mfrc522Command.Receive:
                throw new NotSupportedException($"The MFRC522 model does not implement the {command} command.");
            default:
                _comIrq |= IdleIrq;
                break;
        }
    }

    /// <summary>Writing a command cancels the running one; IdleIRq is not raised for that.</summary>
    private void Abort()
    {
        _command = Mfrc522Command.Idle;
        _awaitingStartSend = false;
        _transmissionEndsAt = null;
        _reception = null;
        _commandEndsAt = null;
        if (_timer.StartedByTransmission)
        {
            _timer.Stop(Clock.MonotonicMicroseconds);
        }
    }

    /// <summary>A command start clears every error but TempErr.</summary>
    private void Begin(Mfrc522Command command)
    {
        _command = command;
        _error &= TempErr;
    }

    private void EndCommand()
    {
        _command = Mfrc522Command.Idle;
        _comIrq |= IdleIrq;
    }

    private void SoftReset()
    {
        ResetRegisters();
        _awakeAt = Clock.MonotonicMicroseconds + _options.WakeUpMicroseconds;
    }

    /// <summary>Mem: FIFO → the 25-byte buffer; with an empty FIFO the buffer goes back to the FIFO.</summary>
    private void RunMem()
    {
        if (_fifo.Level == 0)
        {
            foreach (var b in _memBuffer)
            {
                PushFifo(b);
            }

            return;
        }

        var count = Math.Min(_fifo.Level, MemBufferLength);
        for (var i = 0; i < count; i++)
        {
            _memBuffer[i] = PopFifo();
        }
    }

    private void PushFifoFromHost(byte value)
    {
        if (_command == Mfrc522Command.MfAuthent)
        {
            RaiseError(WrErr);
            return;
        }

        PushFifo(value);
        if (_command == Mfrc522Command.CalcCrc)
        {
            FeedCrc();
        }
    }

    /// <summary>CalcCRC consumes every FIFO byte as it arrives and raises CRCIRq once all are processed.</summary>
    private void FeedCrc()
    {
        while (_fifo.Level > 0)
        {
            _crc.Feed(PopFifo());
        }

        _crc.Finish();
        _divIrq |= CrcIrq;
    }

    private byte ModemState()
    {
        if (_command != Mfrc522Command.Transceive)
        {
            return 0;
        }

        if (_awaitingStartSend)
        {
            return 0b001;
        }

        return _transmissionEndsAt is null ? (byte)0b101 : (byte)0b011;
    }

    /// <summary>StartSend: the FIFO goes on the air, framed by BitFramingReg and TxModeReg.</summary>
    private void StartSend()
    {
        if (_command != Mfrc522Command.Transceive || !_awaitingStartSend)
        {
            return;
        }

        _awaitingStartSend = false;
        _error &= TempErr;
        _collReg |= CollPosNotValid;
        var startedAt = Clock.MonotonicMicroseconds;
        var bitFraming = _registers[(int)Mfrc522Register.BitFraming];
        var txCrc = (_registers[(int)Mfrc522Register.TxMode] & 0x80) != 0;
        var payload = _fifo.PopAll();
        LatchFifoAlerts();
        var (data, bits) = FrameBits.ReaderFrame(payload, bitFraming & 0x07, txCrc);
        var sentBits = bits - (txCrc ? 16 : 0);

        Reception? reception = null;
        if (bits > 0)
        {
            reception = _channel.Exchange(new ReaderFrame(data, bits, Crypto1On), ListenMicroseconds);
        }

        _transmissionEndsAt = startedAt + FrameBits.ReaderFrameMicroseconds(bits);
        if (reception is not null && !_rcvOff)
        {
            var at = Math.Max(Clock.MonotonicMicroseconds, _transmissionEndsAt.Value);
            _reception = new PendingReception(
                reception, at, (bitFraming >> 4) & 0x07, (_registers[(int)Mfrc522Register.RxMode] & 0x80) != 0, sentBits, _parityFault);
            _parityFault = false;
        }
    }

    /// <summary>The timeout the receiver gets: the timer period when TAuto starts it at the end of the frame.</summary>
    private int ListenMicroseconds => TimerAuto ? (int)Math.Min(int.MaxValue, TimerPeriodMicroseconds) : _options.UntimedListenMicroseconds;

    /// <summary>
    /// TxIRq; with TAuto the timer starts now. When a reply is on its way the timer would stop at its
    /// fifth bit, before running out, so it is not started at all.
    /// </summary>
    private void EndTransmission(long at)
    {
        _transmissionEndsAt = null;
        _comIrq |= TxIrq;
        if (TimerAuto && _reception is null)
        {
            _timer.Start(at, TimerDivisor, TimerReload, TimerAutoRestart, byTransmission: true);
        }
    }

    private void Deliver(PendingReception pending)
    {
        _reception = null;
        var reception = pending.Reception;
        var bits = reception.BitCount;
        var data = reception.Data;
        if (pending.CheckCrc)
        {
            if (bits >= 16 && bits % 8 == 0)
            {
                if (!CrcA.Check(data, 0, bits / 8))
                {
                    RaiseError(CrcErr);
                }

                bits -= 16;
            }
            else
            {
                RaiseError(CrcErr);
            }
        }

        var stored = new byte[(pending.RxAlign + bits + 7) / 8];
        FrameBits.CopyBits(data, 0, stored, pending.RxAlign, bits);
        if (reception.CollisionBit >= 0)
        {
            RecordCollision(stored, pending, reception.CollisionBit, bits);
        }

        if (pending.ParityFault)
        {
            RaiseError(ParityErr);
        }

        foreach (var b in stored)
        {
            PushFifo(b);
        }

        _rxLastBits = (byte)((pending.RxAlign + bits) % 8);
        _comIrq |= RxIrq;
        _awaitingStartSend = true;
    }

    /// <summary>
    /// CollErr and CollReg. CollPos follows the Arduino MFRC522 library's PICC_Select: it counts from the
    /// first UID bit of the cascade level, i.e. the bits the reader sent after SEL and NVB come first,
    /// then the reply (1 = first bit, 0 = bit 32); beyond bit 32 CollPosNotValid is set. With
    /// ValuesAfterColl = 0 the collided bit and all after it are stored as 0.
    /// </summary>
    private void RecordCollision(byte[] stored, PendingReception pending, int collisionBit, int storedBits)
    {
        RaiseError(CollErr);
        if ((_collReg & ValuesAfterColl) == 0 && collisionBit < storedBits)
        {
            FrameBits.CopyBits(new byte[stored.Length], 0, stored, pending.RxAlign + collisionBit, storedBits - collisionBit);
        }

        var position = Math.Max(0, pending.SentBits - 16) + collisionBit + 1;
        _collReg = position > 32
            ? (byte)((_collReg & ValuesAfterColl) | CollPosNotValid)
            : (byte)((_collReg & ValuesAfterColl) | (position & 0x1F));
    }

    /// <summary>
    /// MFAuthent: 12 FIFO bytes (command, block, key, 4 UID bytes). Success ends the command with
    /// MFCrypto1On; a card that stays silent leaves it running until TAuto's timer runs out.
    /// </summary>
    private void Authenticate()
    {
        if (_fifo.Level < AuthenticateFifoBytes)
        {
            RaiseError(ProtocolErr);
            EndCommand();
            return;
        }

        var startedAt = Clock.MonotonicMicroseconds;
        var bytes = new byte[AuthenticateFifoBytes];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = PopFifo();
        }

        var ok = _channel.Authenticate(bytes[0], bytes[1], bytes[2..8], bytes[8..12], ListenMicroseconds);
        if (ok)
        {
            _commandEndsAt = Math.Max(Clock.MonotonicMicroseconds, startedAt + AuthenticateMicroseconds);
        }
        else if (TimerAuto)
        {
            _timer.Start(startedAt + AuthenticateFirstFrameMicroseconds, TimerDivisor, TimerReload, TimerAutoRestart, byTransmission: true);
        }
    }
}
