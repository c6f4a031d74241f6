using Terminal.Drivers.Hal;
using Terminal.Simulation.Rf;
using Terminal.Simulation.Timing;

namespace Terminal.Simulation.Mfrc522;

/// <summary>
/// An MFRC522 at register level, driven by the same SPI bytes as the silicon (datasheet §8.1.2):
/// address byte <c>0x80 | reg &lt;&lt; 1</c> to read, <c>reg &lt;&lt; 1</c> to write; a write burst sends every
/// data byte to one register (the FIFO fill), a read burst answers each address one byte later.
/// It reaches cards only through <see cref="IRfChannel"/>, and charges every SPI byte to the
/// channel's simulated clock, so the host sees what the bus costs.
/// </summary>
public sealed partial class Mfrc522Chip : ISpiDevice
{
    private readonly IRfChannel _channel;
    private readonly Mfrc522ChipOptions _options;
    private long _transactions;
    private long _bytes;
    private long _bits;
    private long _busMicroseconds;

    public Mfrc522Chip(IRfChannel channel, Mfrc522ChipOptions? options = null)
    {
        _channel = channel;
        _options = options ?? new Mfrc522ChipOptions();
        _options.Validate();
        ResetRegisters();
    }

    public SpiStatistics Statistics => new(_transactions, _bytes, _busMicroseconds);

    /// <summary>Receiver gain RFCfgReg RxGain selects, in dB (datasheet Table 98).</summary>
    public int ReceiverGainDb => ((_registers[(int)Mfrc522Register.RfCfg] >> 4) & 0x07) switch
    {
        0 or 2 => 18,
        1 or 3 => 23,
        4 => 33,
        5 => 38,
        6 => 43,
        _ => 48,
    };

    /// <summary>Status2Reg MFCrypto1On: frames go out encrypted.</summary>
    public bool Crypto1On { get; private set; }

    /// <summary>The command CommandReg reports as running.</summary>
    public Mfrc522Command RunningCommand => _command;

    private SimulatedClock Clock => _channel.Clock;

    /// <summary>
    /// The next received frame reports a parity error, as noise on the air would cause: the RF
    /// channel carries bits, not parity, so this is how tests inject one.
    /// </summary>
    public void FailParityOfNextReception() => _parityFault = true;

    public void Transfer(byte[] write, int writeOffset, byte[] read, int readOffset, int count)
    {
        ArgumentNullException.ThrowIfNull(write);
        ArgumentNullException.ThrowIfNull(read);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (writeOffset < 0 || writeOffset + count > write.Length || readOffset < 0 || readOffset + count > read.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(count), "The transfer runs past a buffer.");
        }

        if (count == 0)
        {
            return;
        }

        ChargeBus(count);
        Update();

        var address = write[writeOffset];
        if ((address & 0x80) != 0)
        {
            ReadBurst(write, writeOffset, read, readOffset, count);
        }
        else
        {
            Array.Clear(read, readOffset, count);
            var register = (address >> 1) & 0x3F;
            for (var i = 1; i < count; i++)
            {
                WriteRegister(register, write[writeOffset + i]);
            }
        }

        if (_options.MisoStuckAt is { } stuck)
        {
            Array.Fill(read, stuck, readOffset, count);
        }
    }

    /// <summary>
    /// MISO byte i + 1 answers the address in MOSI byte i; the first MISO byte is junk (0), and the last
    /// MOSI byte only clocks the final answer out, so no register is read for it.
    /// </summary>
    private void ReadBurst(byte[] write, int writeOffset, byte[] read, int readOffset, int count)
    {
        read[readOffset] = 0;
        for (var i = 0; i < count - 1; i++)
        {
            read[readOffset + i + 1] = ReadRegister((write[writeOffset + i] >> 1) & 0x3F);
        }
    }

    private void ChargeBus(int count)
    {
        _transactions++;
        _bytes += count;
        _bits += count * 8L;
        var total = _bits * 1_000_000 / _options.SpiClockHz;
        Clock.Advance(total - _busMicroseconds);
        _busMicroseconds = total;
    }
}
