using Terminal.Firmware.Binary;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Terminal.Firmware.Blacklist;
using Xunit;

namespace Terminal.Tests.Blacklist;

/// <summary>
/// The mixer is a permutation (so quotienting loses nothing and never confuses two keys) and spreads even
/// sequential card numbers evenly over segments.
/// </summary>
public sealed class KeyMixerTests
{
    [Property]
    public Property RunningTheFeistelNetworkBackwardsGivesTheKeyBack(byte[] raw, uint seed, byte kindByte)
    {
        int kind = kindByte % BlacklistKinds.Count;
        var key = new byte[BlacklistKinds.KeyBytes(kind)];
        Array.Copy(raw, key, Math.Min(raw.Length, key.Length));

        KeyMixer.Mix(key, 0, kind, seed, out ulong high, out ulong low);

        return Unmix(high, low, kind, seed).SequenceEqual(key).ToProperty();
    }

    [Fact]
    public void SequentialUidsSpreadEvenlyOverTheSixteenSegments()
    {
        const int count = 64_000;
        var perSegment = new int[16];
        var key = new byte[7];
        for (int i = 0; i < count; i++)
        {
            key[4] = (byte)(i >> 16);
            key[5] = (byte)(i >> 8);
            key[6] = (byte)i;
            KeyMixer.Mix(key, 0, (int)BlacklistKind.Uid7, 12345, out ulong high, out _);
            perSegment[high >> (28 - 4)]++;
        }

        Assert.All(perSegment, n => Assert.InRange(n, count / 16 * 0.9, count / 16 * 1.1));
    }

    [Fact]
    public void Crc32MatchesTheStandardCheckValue()
    {
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8.ToArray(), 0, 9));
        Assert.Equal(0u, Crc32.Compute([], 0, 0));
    }

    /// <summary>The inverse network: each round is undone by recomputing its round function on the other half.</summary>
    private static byte[] Unmix(ulong high, ulong low, int kind, uint seed)
    {
        int half = BlacklistKinds.HalfBits(kind);
        ulong mask = (1UL << half) - 1;
        ulong left = high, right = low;
        for (int round = KeyMixer.Rounds - 1; round >= 0; round--)
        {
            ulong previousRight = left;
            ulong previousLeft = right ^ (KeyMixer.RoundFunction(previousRight, KeyMixer.RoundKey(seed, kind, round)) & mask);
            left = previousLeft;
            right = previousRight;
        }

        var value = ((UInt128)left << half) | right;
        var bytes = new byte[BlacklistKinds.KeyBytes(kind)];
        for (int i = bytes.Length - 1; i >= 0; i--, value >>= 8)
        {
            bytes[i] = (byte)value;
        }

        return bytes;
    }
}
