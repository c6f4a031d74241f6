using System.Numerics;
using FsCheck.Xunit;
using Terminal.Firmware.Crypto;
using Xunit;

namespace Terminal.Tests.Crypto;

/// <summary>Reduction modulo the group order and NAF recoding, against BigInteger.</summary>
public sealed class Scalar25519Tests
{
    internal static readonly BigInteger L = BigInteger.Pow(2, 252) + BigInteger.Parse("27742317777372353535851937790883648493");

    [Property]
    public bool ReduceWideMatchesBigInteger(byte[] seed)
    {
        var wide = new byte[64];
        seed.AsSpan(0, Math.Min(64, seed.Length)).CopyTo(wide);
        return Reduced(wide) == new BigInteger(wide, isUnsigned: true) % L;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void ReduceWideHandlesTheExtremes(int which)
    {
        var value = which switch
        {
            0 => BigInteger.Zero,
            1 => L,
            2 => L * 2 - 1,
            _ => BigInteger.Pow(2, 512) - 1,
        };
        var wide = new byte[64];
        value.TryWriteBytes(wide, out _, isUnsigned: true);
        Assert.Equal(value % L, Reduced(wide));
    }

    [Fact]
    public void CanonicalMeansBelowTheOrder()
    {
        Assert.True(Scalar25519.IsCanonical(Bytes(L - 1), 0));
        Assert.False(Scalar25519.IsCanonical(Bytes(L), 0));
        Assert.False(Scalar25519.IsCanonical(Bytes(L + 1), 0));
        Assert.True(Scalar25519.IsCanonical(Bytes(0), 0));
    }

    [Property]
    public bool NafAddsUpAndKeepsItsShape(byte[] seed, bool wide, bool half)
    {
        int byteCount = half ? 16 : 32;
        var scalar = new byte[byteCount];
        seed.AsSpan(0, Math.Min(byteCount, seed.Length)).CopyTo(scalar);
        int width = wide ? 6 : 5;
        var naf = new sbyte[8 * byteCount + width];
        naf.AsSpan().Fill(99);
        Scalar25519.ComputeNaf(naf, scalar, 0, byteCount, width);

        var sum = BigInteger.Zero;
        int lastNonZero = -width;
        for (int i = 0; i < naf.Length; i++)
        {
            if (naf[i] == 0)
            {
                continue;
            }

            if (naf[i] % 2 == 0 || Math.Abs((int)naf[i]) >= 1 << (width - 1) || i - lastNonZero < width)
            {
                return false;
            }

            lastNonZero = i;
            sum += naf[i] * BigInteger.Pow(2, i);
        }

        return sum == new BigInteger(scalar, isUnsigned: true);
    }

    [Fact]
    public void NafOfAllOnesCarriesPastTheTopBit()
    {
        var scalar = Enumerable.Repeat((byte)0xFF, 16).ToArray();
        var naf = new sbyte[128 + 5];
        Scalar25519.ComputeNaf(naf, scalar, 0, 16, 5);
        Assert.Equal(-1, naf[0]);
        Assert.Equal(1, naf[128]);
        Assert.All(naf[1..128], d => Assert.Equal(0, d));
    }

    internal static byte[] Bytes(BigInteger value)
    {
        var bytes = new byte[32];
        value.TryWriteBytes(bytes, out _, isUnsigned: true);
        return bytes;
    }

    private static BigInteger Reduced(byte[] wide)
    {
        var output = new byte[32];
        Scalar25519.ReduceWide(output, 0, wide, 0, new long[64]);
        return new BigInteger(output, isUnsigned: true);
    }
}
