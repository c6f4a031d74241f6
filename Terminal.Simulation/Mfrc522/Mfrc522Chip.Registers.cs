namespace Terminal.Simulation.Mfrc522;

/// <summary>Register file: reset values, and what reading or writing each special register does.</summary>
public sealed partial class Mfrc522Chip
{
    private const byte Set = 0x80;
    private const byte TxIrq = 0x40, RxIrq = 0x20, IdleIrq = 0x10, HiAlertIrq = 0x08, LoAlertIrq = 0x04, ErrIrq = 0x02, TimerIrq = 0x01;
    private const byte CrcIrq = 0x04, DivIrqBits = 0x14;
    private const byte WrErr = 0x80, TempErr = 0x40, BufferOvfl = 0x10, CollErr = 0x08, CrcErr = 0x04, ParityErr = 0x02, ProtocolErr = 0x01;
    private const byte RcvOff = 0x20, PowerDown = 0x10;
    private const byte ValuesAfterColl = 0x80, CollPosNotValid = 0x20;

    /// <summary>Reset values of the plain registers (datasheet §9.3 tables).</summary>
    private static readonly (Mfrc522Register Register, byte Value)[] ResetValues =
    [
        (Mfrc522Register.ComIEn, 0x80), (Mfrc522Register.WaterLevel, 0x08), (Mfrc522Register.Mode, 0x3F),
        (Mfrc522Register.TxControl, 0x80), (Mfrc522Register.TxSel, 0x10), (Mfrc522Register.RxSel, 0x84),
        (Mfrc522Register.RxThreshold, 0x84), (Mfrc522Register.Demod, 0x4D), (Mfrc522Register.MfTx, 0x62),
        (Mfrc522Register.SerialSpeed, 0xEB), (Mfrc522Register.ModWidth, 0x26), (Mfrc522Register.RfCfg, 0x48),
        (Mfrc522Register.GsN, 0x88), (Mfrc522Register.CwGsP, 0x20), (Mfrc522Register.ModGsP, 0x20),
        (Mfrc522Register.AutoTest, 0x40),
    ];

    private readonly byte[] _registers = new byte[64];
    private readonly ChipFifo _fifo = new();
    private readonly CrcUnit _crc = new();
    private readonly ChipTimer _timer = new();
    private byte _comIrq;
    private byte _divIrq;
    private byte _error;
    private byte _collReg;
    private byte _rxLastBits;
    private byte _status2High;
    private bool _rcvOff;
    private bool _powerDown;
    private long _awakeAt;
    private bool _fieldOn;

    private void ResetRegisters()
    {
        Array.Clear(_registers);
        foreach (var (register, value) in ResetValues)
        {
            _registers[(int)register] = value;
        }

        _fifo.Flush();
        _fifo.WaterLevel = 0x08;
        _crc.Reset();
        _timer.Stop(Clock.MonotonicMicroseconds);
        _comIrq = IdleIrq | LoAlertIrq;
        _divIrq = 0;
        _error = 0;
        _collReg = ValuesAfterColl | CollPosNotValid;
        _rxLastBits = 0;
        _status2High = 0;
        _rcvOff = true;
        _powerDown = false;
        Crypto1On = false;
        SetField(false);
    }

    private bool WakingUp => _powerDown || Clock.MonotonicMicroseconds < _awakeAt;

    private byte ReadRegister(int register)
    {
        var now = Clock.MonotonicMicroseconds;
        return (Mfrc522Register)register switch
        {
            Mfrc522Register.Command => (byte)((_rcvOff ? RcvOff : 0) | (WakingUp ? PowerDown : 0) | (byte)_command),
            Mfrc522Register.ComIrq => _comIrq,
            Mfrc522Register.DivIrq => _divIrq,
            Mfrc522Register.Error => _error,
            Mfrc522Register.Status1 => Status1(),
            Mfrc522Register.Status2 => (byte)(_status2High | (Crypto1On ? 0x08 : 0) | ModemState()),
            Mfrc522Register.FifoData => PopFifo(),
            Mfrc522Register.FifoLevel => (byte)_fifo.Level,
            Mfrc522Register.Control => (byte)(0x10 | _rxLastBits),
            Mfrc522Register.Coll => _collReg,
            Mfrc522Register.CrcResultH => (byte)(_crc.Value >> 8),
            Mfrc522Register.CrcResultL => (byte)_crc.Value,
            Mfrc522Register.TCounterValueH => (byte)(_timer.Counter(now) >> 8),
            Mfrc522Register.TCounterValueL => (byte)_timer.Counter(now),
            Mfrc522Register.Version => _options.Version,
            _ => _registers[register],
        };
    }

    private void WriteRegister(int register, byte value)
    {
        if (WakingUp && register != (int)Mfrc522Register.Command)
        {
            return;
        }

        switch ((Mfrc522Register)register)
        {
            case Mfrc522Register.Command:
                WriteCommand(value);
                break;
            case Mfrc522Register.ComIrq:
                _comIrq = SetOrClear(_comIrq, value, 0x7F);
                break;
            case Mfrc522Register.DivIrq:
                _divIrq = SetOrClear(_divIrq, value, DivIrqBits);
                break;
            case Mfrc522Register.Status2:
                _status2High = (byte)(value & 0xC0);
                Crypto1On &= (value & 0x08) != 0;
                break;
            case Mfrc522Register.FifoData:
                PushFifoFromHost(value);
                break;
            case Mfrc522Register.FifoLevel:
                if ((value & 0x80) != 0)
                {
                    _fifo.Flush();
                    _error &= unchecked((byte)~BufferOvfl);
                    LatchFifoAlerts();
                }

                break;
            case Mfrc522Register.WaterLevel:
                _registers[register] = (byte)(value & 0x3F);
                _fifo.WaterLevel = value & 0x3F;
                break;
            case Mfrc522Register.Control:
                WriteControl(value);
                break;
            case Mfrc522Register.BitFraming:
                _registers[register] = value;
                if ((value & 0x80) != 0)
                {
                    StartSend();
                }

                break;
            case Mfrc522Register.Coll:
                _collReg = (byte)((_collReg & 0x7F) | (value & ValuesAfterColl));
                break;
            case Mfrc522Register.TxControl:
                _registers[register] = value;
                SetField((value & 0x03) != 0);
                break;
            case Mfrc522Register.Error or Mfrc522Register.Status1 or Mfrc522Register.CrcResultH or Mfrc522Register.CrcResultL
                or Mfrc522Register.TCounterValueH or Mfrc522Register.TCounterValueL or Mfrc522Register.Version:
                break;
            default:
                _registers[register] = value;
                break;
        }
    }

    /// <summary>ComIrqReg/DivIrqReg: bit 7 set marks the written bits to set, clear marks them to clear.</summary>
    private static byte SetOrClear(byte current, byte value, byte implemented) =>
        (value & Set) != 0 ? (byte)(current | (value & implemented)) : (byte)(current & ~(value & implemented));

    private byte Status1()
    {
        var irq = (_registers[(int)Mfrc522Register.ComIEn] & _comIrq & 0x7F) != 0
            || (_registers[(int)Mfrc522Register.DivIEn] & _divIrq & DivIrqBits) != 0;
        return (byte)((_crc.Ready && _crc.Value == 0 ? 0x40 : 0)
            | (_crc.Ready ? 0x20 : 0)
            | (irq ? 0x10 : 0)
            | (_timer.Running ? 0x08 : 0)
            | (_fifo.HiAlert ? 0x02 : 0)
            | (_fifo.LoAlert ? 0x01 : 0));
    }

    private void WriteControl(byte value)
    {
        var now = Clock.MonotonicMicroseconds;
        if ((value & 0x80) != 0)
        {
            _timer.Stop(now);
        }
        else if ((value & 0x40) != 0)
        {
            _timer.Start(now, TimerDivisor, TimerReload, TimerAutoRestart, byTransmission: false);
        }
    }

    private bool TimerAuto => (_registers[(int)Mfrc522Register.TMode] & 0x80) != 0;

    private bool TimerAutoRestart => (_registers[(int)Mfrc522Register.TMode] & 0x10) != 0;

    private int TimerReload => _registers[(int)Mfrc522Register.TReloadH] << 8 | _registers[(int)Mfrc522Register.TReloadL];

    /// <summary>2·TPrescaler + 1, or + 2 with DemodReg TPrescalEven, which only v2.0 silicon has.</summary>
    private int TimerDivisor
    {
        get
        {
            var prescaler = (_registers[(int)Mfrc522Register.TMode] & 0x0F) << 8 | _registers[(int)Mfrc522Register.TPrescaler];
            var even = _options.Version == 0x92 && (_registers[(int)Mfrc522Register.Demod] & 0x10) != 0;
            return 2 * prescaler + (even ? 2 : 1);
        }
    }

    private long TimerPeriodMicroseconds => ChipTimer.PeriodMicroseconds(TimerDivisor, TimerReload);

    private void SetField(bool on)
    {
        if (_fieldOn != on)
        {
            _fieldOn = on;
            _channel.FieldOn = on;
        }
    }

    private byte PopFifo()
    {
        var value = _fifo.Pop();
        LatchFifoAlerts();
        return value;
    }

    /// <summary>A byte the receiver or the host pushes into a full FIFO is lost and raises BufferOvfl.</summary>
    private void PushFifo(byte value)
    {
        if (!_fifo.TryPush(value))
        {
            RaiseError(BufferOvfl);
        }

        LatchFifoAlerts();
    }

    /// <summary>HiAlertIRq/LoAlertIRq store the alert conditions whenever the FIFO level changes.</summary>
    private void LatchFifoAlerts()
    {
        if (_fifo.HiAlert)
        {
            _comIrq |= HiAlertIrq;
        }

        if (_fifo.LoAlert)
        {
            _comIrq |= LoAlertIrq;
        }
    }

    private void RaiseError(byte error)
    {
        _error |= error;
        _comIrq |= ErrIrq;
    }
}
