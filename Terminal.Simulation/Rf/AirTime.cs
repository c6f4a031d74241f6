namespace Terminal.Simulation.Rf;

/// <summary>
/// ISO/IEC 14443-3 Type A timing at 106 kbit/s, in microseconds. One bit (etu) lasts 128 carrier
/// cycles of 13.56 MHz. A reader frame is start bit + data (+ odd parity after every whole byte)
/// + end of frame (logic 0 and one unmodulated bit); a card frame ends with one unmodulated bit.
/// </summary>
public static class AirTime
{
    public const double CarrierMegahertz = 13.56;

    public const double EtuMicroseconds = 128 / CarrierMegahertz;

    /// <summary>Card→reader guard: the next reader frame may start 1172/fc after the card's frame ended.</summary>
    public const double ReaderGuardMicroseconds = 1172 / CarrierMegahertz;

    /// <summary>HLTA succeeds when the card stays silent for 1 ms after the frame.</summary>
    public const double HaltSilenceMicroseconds = 1000;

    public static double CyclesToMicroseconds(int cycles) => cycles / CarrierMegahertz;

    /// <summary>
    /// A reader frame of <paramref name="bitCount"/> bits: (9n+3) etu for n bytes, 10 etu for a
    /// 7-bit short frame. The partial last byte of an anticollision frame carries no parity: the
    /// card completes that byte and sends its parity.
    /// </summary>
    public static double ReaderFrameMicroseconds(int bitCount) => (3 + bitCount + bitCount / 8) * EtuMicroseconds;

    /// <summary>
    /// A card frame of <paramref name="bitCount"/> bits whose first bit sits at
    /// <paramref name="firstBitInByte"/> of its byte (non-zero only when answering a bit-oriented
    /// anticollision frame): start bit, data, a parity bit after each byte it completes, end.
    /// (9n+2) etu for n bytes; 6 etu for a 4-bit ACK/NAK.
    /// </summary>
    public static double CardFrameMicroseconds(int bitCount, int firstBitInByte = 0) =>
        (2 + bitCount + (firstBitInByte + bitCount) / 8) * EtuMicroseconds;

    /// <summary>Where the card's first answer bit sits in its byte: it completes the reader's partial byte.</summary>
    public static int ReplyAlignment(ReaderFrame frame) => frame.IsShortFrame ? 0 : frame.BitCount % 8;

    /// <summary>
    /// The frame delay time with n = 9, mandatory for REQA/WUPA/ANTICOLLISION/SELECT and the
    /// shortest legal one for every other command: (9·128 + 84)/fc = 91.15 µs when the reader's
    /// last bit is 1, (9·128 + 20)/fc = 86.43 µs when it is 0.
    /// </summary>
    public static double FrameDelayMicroseconds(ReaderFrame frame) =>
        CyclesToMicroseconds(9 * 128 + (LastTransmittedBit(frame) ? 84 : 20));

    /// <summary>Reader frame, frame delay and card frame, without the guard before the next frame.</summary>
    public static double ExchangeMicroseconds(ReaderFrame frame, int replyBits) =>
        ReaderFrameMicroseconds(frame.BitCount) + FrameDelayMicroseconds(frame)
        + CardFrameMicroseconds(replyBits, ReplyAlignment(frame));

    /// <summary>
    /// The least the reader must wait to take silence as the answer: HLTA's 1 ms; none for
    /// commands whose success is silence (value operation part 2).
    /// </summary>
    public static double MinimumSilenceMicroseconds(ReaderFrame frame) =>
        IsHalt(frame) ? HaltSilenceMicroseconds : 0;

    private static bool IsHalt(ReaderFrame frame) =>
        frame.BitCount == 32 && frame.Data.Length >= 2 && frame.Data[0] == 0x50 && frame.Data[1] == 0x00;

    /// <summary>The last bit on the air: the odd parity of the last whole byte, or the last data bit of a partial one.</summary>
    private static bool LastTransmittedBit(ReaderFrame frame)
    {
        if (frame.BitCount == 0)
        {
            return false;
        }

        int extraBits = frame.BitCount % 8;
        if (frame.IsShortFrame || extraBits != 0)
        {
            int last = frame.BitCount - 1;
            return (frame.Data[last / 8] >> (last % 8) & 1) == 1;
        }

        return System.Numerics.BitOperations.PopCount(frame.Data[frame.BitCount / 8 - 1]) % 2 == 0;
    }
}
