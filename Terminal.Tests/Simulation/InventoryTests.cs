using Terminal.Simulation.Cards;
using Terminal.Simulation.Rf;
using Xunit;

namespace Terminal.Tests.Simulation;

/// <summary>
/// A reader's full inventory (REQA, bit-oriented anticollision at every cascade level, SELECT,
/// HLTA, repeat) finds every card in a crowded field: the collision bits are usable.
/// </summary>
public sealed class InventoryTests
{
    [Fact]
    public void EveryCardIsFoundOnceWhateverItsUidLength()
    {
        byte[][] uids =
        [
            [0x11, 0x22, 0x33, 0x44],
            [0x11, 0x22, 0x33, 0x4C],
            [0x04, 0x10, 0x20, 0x30, 0x40, 0x50, 0x60],
            [0x04, 0x10, 0x20, 0x31, 0x40, 0x50, 0x60],
            [0x04, 0x10, 0x20, 0x30, 0x41, 0x52, 0x63, 0x74, 0x85, 0x96],
        ];
        var reader = new TestReader([.. uids.Select(uid => new OtherTypeACard(uid))]);

        var found = new List<byte[]>();
        while (reader.Reqa() is not null)
        {
            found.Add(SelectOne(reader));
            Assert.Null(reader.Halt());
            Assert.True(found.Count <= uids.Length);
        }

        Assert.Equal(uids.Select(Convert.ToHexString).Order(), found.Select(Convert.ToHexString).Order());
    }

    /// <summary>Walks the cascade levels, at each one setting the first collided bit to 1 until one card is left.</summary>
    private static byte[] SelectOne(TestReader reader)
    {
        var uid = new List<byte>();
        for (int level = 0; ; level++)
        {
            var known = new byte[5];
            int knownBits = 0;
            while (knownBits < 40)
            {
                var frame = new byte[7];
                frame[0] = TestReader.Sel(level);
                frame[1] = (byte)((2 + knownBits / 8) << 4 | knownBits % 8);
                Array.Copy(known, 0, frame, 2, 5);
                var answer = reader.Send(TestReader.Bits(frame[..(2 + (knownBits + 7) / 8)], 16 + knownBits))!;
                Assert.NotNull(answer);

                int clean = answer.CollisionBit < 0 ? answer.BitCount : answer.CollisionBit;
                for (int bit = 0; bit < clean; bit++)
                {
                    SetBit(known, knownBits + bit, answer.Data[bit / 8] >> (bit % 8) & 1);
                }

                knownBits += clean;
                if (answer.CollisionBit >= 0)
                {
                    SetBit(known, knownBits++, 1);
                }
            }

            Assert.Equal(known[0] ^ known[1] ^ known[2] ^ known[3], known[4]);
            var sak = reader.Select(level, known)!;
            uid.AddRange(known[0] == PiccUid.CascadeTag ? known[1..4] : known[..4]);
            if ((sak.Data[0] & 0x04) == 0)
            {
                return [.. uid];
            }
        }
    }

    private static void SetBit(byte[] bytes, int bit, int value)
    {
        if (value != 0)
        {
            bytes[bit / 8] |= (byte)(1 << (bit % 8));
        }
    }
}
