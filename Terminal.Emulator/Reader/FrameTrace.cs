using Terminal.Simulation.Rf;
using Terminal.Simulation.Timing;

namespace Terminal.Emulator.Reader;

/// <summary>One exchange on the air as the trace saw it.</summary>
public sealed record TracedExchange(long AtMicroseconds, string Direction, string Reader, string Card, double AirMicroseconds);

/// <summary>
/// Sits between the chip model and the RF field and records every exchange, so that a run can show
/// the frames the real driver put on the air and what the cards answered.
/// </summary>
public sealed class FrameTrace(IRfChannel air) : IRfChannel
{
    public List<TracedExchange> Exchanges { get; } = [];

    public SimulatedClock Clock => air.Clock;

    public bool FieldOn
    {
        get => air.FieldOn;
        set => air.FieldOn = value;
    }

    public Reception? Exchange(ReaderFrame frame, int timeoutMicroseconds)
    {
        var start = Clock.MonotonicMicroseconds;
        var reply = air.Exchange(frame, timeoutMicroseconds);
        var answer = reply is null ? "(silence)" : Bits(reply.Data, reply.BitCount) + (reply.CollisionBit >= 0 ? $" collision at bit {reply.CollisionBit}" : "");
        Exchanges.Add(new TracedExchange(start, frame.Encrypted ? "enc" : "   ", Bits(frame.Data, frame.BitCount), answer, Clock.MonotonicMicroseconds - start));
        return reply;
    }

    public bool Authenticate(byte keyCommand, byte block, byte[] key, byte[] uid4, int timeoutMicroseconds)
    {
        var start = Clock.MonotonicMicroseconds;
        var ok = air.Authenticate(keyCommand, block, key, uid4, timeoutMicroseconds);
        Exchanges.Add(new TracedExchange(start, "   ", $"{keyCommand:X2} {block:X2} (MFAuthent, 3 passes)", ok ? "authenticated" : "(refused)", Clock.MonotonicMicroseconds - start));
        return ok;
    }

    private static string Bits(byte[] data, int bitCount)
    {
        var whole = bitCount / 8;
        var text = Convert.ToHexString(data, 0, whole);
        var spaced = string.Join(' ', Enumerable.Range(0, whole).Select(i => text.Substring(i * 2, 2)));
        return bitCount % 8 == 0 ? spaced : $"{spaced} {data[whole] & ((1 << (bitCount % 8)) - 1):X2}/{bitCount % 8}b".Trim();
    }
}
