using Terminal.Drivers.Iso14443;
using Terminal.Simulation.Rf;
using Terminal.Simulation.Timing;

namespace Terminal.Tests.Mfrc522;

/// <summary>
/// An RF channel that answers from a script and records what the reader sent. Like a real field it
/// advances the clock by the air time: reader frame, frame delay and reply, or the whole timeout
/// when nothing answers.
/// </summary>
internal sealed class ScriptedChannel : IRfChannel
{
    /// <summary>Card frame delay after a reader frame (ISO/IEC 14443-3, n = 9, last bit 1).</summary>
    public const int FrameDelayMicroseconds = 91;

    private readonly Queue<Reception?> _replies = new();

    public SimulatedClock Clock { get; } = new();

    public bool FieldOn { get; set; }

    public List<ReaderFrame> Frames { get; } = [];

    public List<int> Timeouts { get; } = [];

    public List<(byte Command, byte Block, byte[] Key, byte[] Uid)> Authentications { get; } = [];

    public bool AuthenticationSucceeds { get; set; }

    /// <summary>When false the channel answers in no time, so the chip alone schedules what the reader sees.</summary>
    public bool TakesAirTime { get; set; } = true;

    public static long ReaderFrameMicroseconds(int bits) => ((bits / 8 * 9 + bits % 8 + 3) * 12_800L + 1_355) / 1_356;

    public void Reply(params byte[] data) => _replies.Enqueue(new Reception(data, data.Length * 8, -1));

    public void ReplyWithCrc(params byte[] data)
    {
        var framed = new byte[data.Length + 2];
        data.CopyTo(framed, 0);
        CrcA.Append(framed, 0, data.Length);
        Reply(framed);
    }

    public void ReplyBits(byte[] data, int bitCount, int collisionBit = -1) =>
        _replies.Enqueue(new Reception(data, bitCount, collisionBit));

    public void Silence() => _replies.Enqueue(null);

    public Reception? Exchange(ReaderFrame frame, int timeoutMicroseconds)
    {
        Frames.Add(frame);
        Timeouts.Add(timeoutMicroseconds);
        var reply = FieldOn && _replies.Count > 0 ? _replies.Dequeue() : null;
        var air = ReaderFrameMicroseconds(frame.BitCount);
        Clock.Advance(!TakesAirTime ? 0 : reply is null ? air + timeoutMicroseconds : air + FrameDelayMicroseconds + ReaderFrameMicroseconds(reply.BitCount));
        return reply;
    }

    public bool Authenticate(byte keyCommand, byte block, byte[] key, byte[] uid4, int timeoutMicroseconds)
    {
        Authentications.Add((keyCommand, block, key.ToArray(), uid4.ToArray()));
        Timeouts.Add(timeoutMicroseconds);
        Clock.Advance(AuthenticationSucceeds ? 2_062 : 368 + timeoutMicroseconds);
        return FieldOn && AuthenticationSucceeds;
    }
}
