using Terminal.Drivers.Hal;
using Terminal.Drivers.Scanner;
using Terminal.Simulation.Timing;

namespace Terminal.Simulation.Scanner;

/// <summary>
/// A GM65-style QR scanner module on a UART. Codes presented to it go out with the configured
/// suffix, cut into reads of sizes the test chooses; noise and idle gaps can be injected between
/// them. Each byte costs its air time on the simulated clock (10 bits at the baud rate), and a
/// gap advances the clock when the driver reads into it. Zone commands written to it are
/// recorded and answered as the manual describes: a bad CRC or format gets no reply.
/// </summary>
public sealed class ScannerModel : ISerialPort
{
    /// <summary>LED on, sound on, standard aimer and light, continuous scanning.</summary>
    public const byte FactoryModeZone = 0xD6;

    private static readonly byte[] NoCrcCheck = [0xAB, 0xCD];

    private readonly SimulatedClock _clock;
    private readonly ScannerCommandTable? _table;
    private readonly long _byteMicroseconds;
    private readonly LinkedList<LineItem> _line = new();
    private readonly List<byte> _command = [];
    private readonly List<byte[]> _commands = [];

    /// <param name="table">When given, writes to its suffix zones change <see cref="Suffix"/> as the module would.</param>
    public ScannerModel(SimulatedClock clock, ScannerCommandTable? table = null, int baudRate = 9600)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(baudRate);
        _clock = clock;
        _table = table;
        _byteMicroseconds = 10_000_000L / baudRate;
        Zones[ScannerCommandTable.Gm65ModeZone] = FactoryModeZone;
    }

    /// <summary>The module's settings memory.</summary>
    public byte[] Zones { get; } = new byte[256];

    /// <summary>Bytes sent after each code.</summary>
    public byte[] Suffix { get; set; } = [0x0D];

    /// <summary>How many bytes the next read may return at most; the default hands over everything waiting.</summary>
    public Func<int> NextChunkSize { get; set; } = () => int.MaxValue;

    /// <summary>Off simulates a module that is absent or ignores commands.</summary>
    public bool Answers { get; set; } = true;

    /// <summary>Flips a bit of each reply's CRC (a disturbed line).</summary>
    public bool CorruptsReplies { get; set; }

    /// <summary>Every complete command frame the driver wrote, in order.</summary>
    public IReadOnlyList<byte[]> Commands => _commands;

    public int Saves { get; private set; }

    /// <summary>Bytes and gaps not yet read.</summary>
    public int Pending => _line.Count;

    /// <summary>Continuous and sensor modes decode on their own; manual and command mode wait for a trigger.</summary>
    public bool ScanningEnabled => (Zones[ScannerCommandTable.Gm65ModeZone] & ScannerCommandTable.Gm65ContinuousMode) != 0;

    public long ByteMicroseconds => _byteMicroseconds;

    /// <summary>Shows a code to the camera; false when scanning is off and nothing is sent.</summary>
    public bool Present(ReadOnlySpan<byte> code)
    {
        if (!ScanningEnabled)
        {
            return false;
        }

        Send(code);
        Send(Suffix);
        return true;
    }

    public void InjectNoise(ReadOnlySpan<byte> bytes) => Send(bytes);

    public void InjectGap(long microseconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(microseconds);
        _line.AddLast(LineItem.Gap(microseconds));
    }

    public int Read(byte[] buffer, int offset, int count)
    {
        if (_line.First is not { } head)
        {
            return 0;
        }

        if (head.Value.IsGap)
        {
            _line.RemoveFirst();
            _clock.Advance(head.Value.GapMicroseconds);
            return 0;
        }

        var limit = Math.Min(count, Math.Max(1, NextChunkSize()));
        var taken = 0;
        while (taken < limit && _line.First is { Value.IsGap: false } next)
        {
            buffer[offset + taken++] = next.Value.Value;
            _line.RemoveFirst();
        }

        _clock.Advance(taken * _byteMicroseconds);
        return taken;
    }

    public void Write(byte[] buffer, int offset, int count)
    {
        _clock.Advance(count * _byteMicroseconds);
        for (var i = offset; i < offset + count; i++)
        {
            Receive(buffer[i]);
        }
    }

    /// <summary>Chunk sizes taken in turn, repeating; for splitting the stream at chosen places.</summary>
    public static Func<int> Cycle(IReadOnlyList<int> sizes)
    {
        ArgumentOutOfRangeException.ThrowIfZero(sizes.Count);
        var next = 0;
        return () => sizes[next++ % sizes.Count];
    }

    private void Send(ReadOnlySpan<byte> bytes)
    {
        foreach (var value in bytes)
        {
            _line.AddLast(LineItem.Byte(value));
        }
    }

    private void Receive(byte value)
    {
        var awaitingHead = _command.Count == 0 && value != ZoneCommand.CommandHead
            || _command.Count == 1 && value != ZoneCommand.HeadSecond;
        if (awaitingHead)
        {
            _command.Clear();
            if (value == ZoneCommand.CommandHead)
            {
                _command.Add(value);
            }

            return;
        }

        _command.Add(value);
        if (_command.Count < 4)
        {
            return;
        }

        var dataLength = _command[3] == 0 ? 256 : _command[3];
        if (_command.Count == 2 + 1 + 1 + 2 + dataLength + 2)
        {
            var frame = _command.ToArray();
            _command.Clear();
            _commands.Add(frame);
            Execute(frame, dataLength);
        }
    }

    private void Execute(byte[] frame, int dataLength)
    {
        var body = frame.AsSpan(2, frame.Length - 4);
        var check = frame.AsSpan(frame.Length - 2);
        var crc = ZoneCrc.Compute(frame, 2, body.Length);
        var crcMatches = check[0] == (byte)(crc >> 8) && check[1] == (byte)crc;
        if (!Answers || !(crcMatches || check.SequenceEqual(NoCrcCheck)))
        {
            return;
        }

        var address = frame[4] << 8 | frame[5];
        var data = frame.AsSpan(6, dataLength);
        switch (frame[2])
        {
            case ZoneCommand.ReadType:
                var count = data[0] == 0 ? 256 : data[0];
                if (address + count <= Zones.Length)
                {
                    Reply(Zones.AsSpan(address, count));
                }

                break;
            case ZoneCommand.WriteType:
                if (address + dataLength <= Zones.Length)
                {
                    data.CopyTo(Zones.AsSpan(address));
                    FollowSuffixZone();
                    Reply([0x00]);
                }

                break;
            case ZoneCommand.SaveType:
                Saves++;
                Reply([0x00]);
                break;
        }
    }

    private void Reply(ReadOnlySpan<byte> data)
    {
        var reply = new byte[2 + 2 + data.Length + 2];
        reply[0] = ZoneCommand.ReplyHead;
        reply[1] = ZoneCommand.HeadSecond;
        reply[2] = ZoneCommand.ReplySucceeded;
        reply[3] = (byte)data.Length;
        data.CopyTo(reply.AsSpan(4));
        var crc = ZoneCrc.Compute(reply, 2, 2 + data.Length);
        reply[^2] = (byte)(crc >> 8);
        reply[^1] = (byte)(CorruptsReplies ? crc ^ 1 : crc);
        Send(reply);
    }

    private void FollowSuffixZone()
    {
        if (_table is null)
        {
            return;
        }

        (ZoneSetting? Setting, byte[] Bytes)[] suffixes =
        [
            (_table.CarriageReturnSuffix, [0x0D]),
            (_table.LineFeedSuffix, [0x0A]),
            (_table.CarriageReturnLineFeedSuffix, [0x0D, 0x0A]),
            (_table.NoSuffix, []),
        ];
        foreach (var (setting, bytes) in suffixes)
        {
            if (setting is not null && setting.IsSetIn(Zones[setting.Address]))
            {
                Suffix = bytes;
                return;
            }
        }
    }

    private readonly record struct LineItem(byte Value, long GapMicroseconds, bool IsGap)
    {
        public static LineItem Byte(byte value) => new(value, 0, false);

        public static LineItem Gap(long microseconds) => new(0, microseconds, true);
    }
}
