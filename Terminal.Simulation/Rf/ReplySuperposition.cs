namespace Terminal.Simulation.Rf;

/// <summary>
/// How the reader's receiver hears several cards at once. Cards that start within one etu of the
/// first are bit-synchronous: where their Manchester-coded bits disagree both half-bits are
/// modulated, which the receiver flags as a collision. A card starting later lands in the middle
/// of the first card's frame and corrupts it from the bit where it starts. A card that starts after
/// the first frame has ended is not heard (the receiver has already finished).
/// </summary>
internal static class ReplySuperposition
{
    /// <param name="replies">Answers in order of their start, earliest first.</param>
    public static Reception Superpose(IReadOnlyList<CardReply> replies, int firstBitInByte)
    {
        var first = replies[0];
        var synchronous = replies.TakeWhile(r => r.LatencyMicroseconds - first.LatencyMicroseconds < AirTime.EtuMicroseconds).ToList();
        int bitCount = synchronous.Max(r => r.BitCount);
        var data = new byte[(bitCount + 7) / 8];
        int collision = -1;

        for (int bit = 0; bit < bitCount; bit++)
        {
            var senders = synchronous.Where(r => bit < r.BitCount).ToList();
            bool value = BitAt(senders[0].Data, bit);
            if (collision < 0 && senders.Any(r => BitAt(r.Data, bit) != value))
            {
                collision = bit;
            }

            if (value)
            {
                data[bit / 8] |= (byte)(1 << (bit % 8));
            }
        }

        double frameEnd = first.LatencyMicroseconds + AirTime.CardFrameMicroseconds(bitCount, firstBitInByte);
        foreach (var late in replies.Skip(synchronous.Count).Where(r => r.LatencyMicroseconds < frameEnd))
        {
            int startBit = (int)((late.LatencyMicroseconds - first.LatencyMicroseconds) / AirTime.EtuMicroseconds);
            startBit = Math.Min(startBit, bitCount - 1);
            collision = collision < 0 ? startBit : Math.Min(collision, startBit);
        }

        return new Reception(data, bitCount, collision);
    }

    public static bool BitAt(byte[] data, int bit) => (data[bit / 8] >> (bit % 8) & 1) == 1;
}
