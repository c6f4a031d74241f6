using System.Numerics;
using FsCheck.Xunit;
using Terminal.Firmware.Crypto;
using Xunit;

namespace Terminal.Tests.Crypto;

/// <summary>The field arithmetic against System.Numerics.BigInteger, including limbs at the bounds the curve formulas reach.</summary>
public sealed class Field25519Tests
{
    private static readonly BigInteger P = BigInteger.Pow(2, 255) - 19;
    private static readonly int[] LimbOffsets = [0, 26, 51, 77, 102, 128, 153, 179, 204, 230];

    [Property]
    public bool MultiplicationMatchesBigInteger(byte[] a, byte[] b)
    {
        var (f, x) = Element(a);
        var (g, y) = Element(b);
        var h = new int[10];
        Field25519.Mul(h, f, g);
        return Value(h) == x * y % P;
    }

    [Property]
    public bool SquaringMatchesMultiplication(byte[] a)
    {
        var (f, x) = Element(a);
        var h = new int[10];
        Field25519.Square(h, f);
        return Value(h) == x * x % P;
    }

    [Property]
    public bool AddAndSubMatchBigInteger(byte[] a, byte[] b)
    {
        var (f, x) = Element(a);
        var (g, y) = Element(b);
        var sum = new int[10];
        var difference = new int[10];
        Field25519.Add(sum, f, g);
        Field25519.Sub(difference, f, g);
        return Value(sum) == Mod(x + y) && Value(difference) == Mod(x - y);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(-1)]
    public void ProductsOfTheLargestMagnitudesTheFormulasUseStayExact(int sign)
    {
        // Doubling multiplies a sum of 3 reduced elements by a sum of 4: limbs up to 3 and 4 times the reduced bound.
        var f = Extreme(3, sign);
        var g = Extreme(4, sign);
        var h = new int[10];
        Field25519.Mul(h, f, g);
        Assert.Equal(Mod(RawValue(f) * RawValue(g)), Value(h));
        Field25519.Square(h, g);
        Assert.Equal(Mod(RawValue(g) * RawValue(g)), Value(h));
    }

    [Theory]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")]
    [InlineData("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")]
    [InlineData("ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")]
    [InlineData("0100000000000000000000000000000000000000000000000000000000000000")]
    public void ToBytesIsCanonicalAtTheEdges(string hex)
    {
        var bytes = Convert.FromHexString(hex);
        var f = new int[10];
        Field25519.FromBytes(f, bytes, 0);
        var encoded = new byte[32];
        Field25519.ToBytes(encoded, 0, f, new int[10]);
        Assert.Equal(Mod(new BigInteger(bytes, isUnsigned: true)), new BigInteger(encoded, isUnsigned: true));
    }

    [Property]
    public bool InversionInverts(byte[] a)
    {
        var (f, x) = Element(a);
        var inverse = new int[10];
        new EdwardsCurve().Invert(inverse, f);
        return x.IsZero ? Value(inverse).IsZero : Value(inverse) * x % P == 1;
    }

    [Fact]
    public void TheCurveConstantsAreWhatRfc8032Says()
    {
        // d = -121665 / 121666 and sqrt(-1) = 2^((p-1)/4); checked through the decoder: the base point decodes.
        var point = new EdwardsPoint();
        var baseY = new byte[32];
        baseY[0] = 0x58;
        baseY.AsSpan(1).Fill(0x66);
        Assert.True(new EdwardsCurve().TryDecode(point, baseY, 0));
        var x = Value(point.X) * BigInteger.ModPow(Value(point.Z), P - 2, P) % P;
        Assert.Equal(BigInteger.Parse("15112221349535400772501151409588531511454012693041857206046113283949847762202"), x);
    }

    internal static (int[] Limbs, BigInteger Value) Element(byte[] seed)
    {
        var bytes = new byte[32];
        seed.AsSpan(0, Math.Min(32, seed.Length)).CopyTo(bytes);
        bytes[31] &= 0x7F;
        var limbs = new int[10];
        Field25519.FromBytes(limbs, bytes, 0);
        return (limbs, Mod(new BigInteger(bytes, isUnsigned: true)));
    }

    internal static BigInteger Value(int[] limbs)
    {
        var bytes = new byte[32];
        Field25519.ToBytes(bytes, 0, limbs, new int[10]);
        return new BigInteger(bytes, isUnsigned: true);
    }

    private static BigInteger RawValue(int[] limbs) =>
        Enumerable.Range(0, 10).Aggregate(BigInteger.Zero, (sum, i) => sum + limbs[i] * BigInteger.Pow(2, LimbOffsets[i]));

    private static int[] Extreme(int magnitude, int sign) =>
        Enumerable.Range(0, 10).Select(i => sign * magnitude * (i % 2 == 0 ? 1 << 25 : 1 << 24)).ToArray();

    private static BigInteger Mod(BigInteger x) => ((x % P) + P) % P;
}
