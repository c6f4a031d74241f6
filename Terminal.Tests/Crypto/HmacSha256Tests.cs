using System.Security.Cryptography;
using System.Text;
using FsCheck.Xunit;
using Terminal.Firmware.Crypto;
using Xunit;

namespace Terminal.Tests.Crypto;

/// <summary>HMAC-SHA256 against RFC 4231's test cases and against .NET's HMACSHA256.</summary>
public sealed class HmacSha256Tests
{
    public static TheoryData<string, string, string> Rfc4231 => new()
    {
        // Test case 1..4, 6, 7 (case 5 is about truncated output, which this class does not offer).
        { "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", Hex("Hi There"), "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7" },
        { Hex("Jefe"), Hex("what do ya want for nothing?"), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843" },
        { new string('a', 40), new string('d', 100), "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe" },
        { "0102030405060708090a0b0c0d0e0f10111213141516171819", string.Concat(Enumerable.Repeat("cd", 50)), "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b" },
        { new string('a', 262), Hex("Test Using Larger Than Block-Size Key - Hash Key First"), "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54" },
        {
            new string('a', 262),
            Hex("This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm."),
            "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"
        },
    };

    [Theory]
    [MemberData(nameof(Rfc4231))]
    public void MatchesRfc4231(string keyHex, string dataHex, string macHex)
    {
        var key = Convert.FromHexString(keyHex);
        var data = Convert.FromHexString(dataHex);
        Assert.Equal(macHex, Convert.ToHexStringLower(Mac(key, data, [])));
    }

    [Property]
    public bool MatchesDotNetForAnyKeyMessageAndChunking(byte[] key, byte[] message, int[] chunks) =>
        HMACSHA256.HashData(key, message).AsSpan().SequenceEqual(Mac(key, message, chunks));

    [Property]
    public bool TheSameInstanceGivesTheSameMacTwice(byte[] key, byte[] message)
    {
        var hmac = new HmacSha256(key, 0, key.Length);
        var first = new byte[HmacSha256.MacSize];
        var second = new byte[HmacSha256.MacSize];
        hmac.Update(message, 0, message.Length);
        hmac.Final(first, 0);
        hmac.Update(message, 0, message.Length);
        hmac.Final(second, 0);
        return first.AsSpan().SequenceEqual(second);
    }

    [Fact]
    public void SetKeyReplacesThePreviousKeyCompletely()
    {
        var message = Encoding.ASCII.GetBytes("fare");
        var hmac = new HmacSha256(new byte[100], 0, 100);
        var shortKey = new byte[] { 1, 2, 3 };
        hmac.SetKey(shortKey, 0, shortKey.Length);
        hmac.Update(message, 0, message.Length);
        var mac = new byte[HmacSha256.MacSize];
        hmac.Final(mac, 0);
        Assert.Equal(HMACSHA256.HashData(shortKey, message), mac);
    }

    [Property]
    public bool ConstantTimeCompareAgreesWithSequenceEqual(byte[] a, byte[] b)
    {
        int count = Math.Min(a.Length, b.Length);
        return ConstantTime.AreEqual(a, 0, b, 0, count) == a.AsSpan(0, count).SequenceEqual(b.AsSpan(0, count));
    }

    [Fact]
    public void ConstantTimeCompareSeesADifferenceInTheLastByte()
    {
        var a = new byte[32];
        var b = new byte[32];
        Assert.True(ConstantTime.AreEqual(a, 0, b, 0, 32));
        b[31] = 1;
        Assert.False(ConstantTime.AreEqual(a, 0, b, 0, 32));
    }

    private static byte[] Mac(byte[] key, byte[] message, int[] chunks)
    {
        var hmac = new HmacSha256(key, 0, key.Length);
        foreach (var (offset, count) in ShaTests.Pieces(message.Length, chunks))
        {
            hmac.Update(message, offset, count);
        }

        var mac = new byte[HmacSha256.MacSize];
        hmac.Final(mac, 0);
        return mac;
    }

    private static string Hex(string ascii) => Convert.ToHexString(Encoding.ASCII.GetBytes(ascii));
}
