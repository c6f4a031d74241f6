using System.Security.Cryptography;
using System.Text;
using FsCheck.Xunit;
using Terminal.Firmware.Crypto;
using Xunit;

namespace Terminal.Tests.Crypto;

/// <summary>SHA-256 and SHA-512 against FIPS 180-4 examples and against .NET's own implementation.</summary>
public sealed class ShaTests
{
    [Theory]
    [InlineData("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [InlineData("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")]
    public void Sha256MatchesTheStandardsExamples(string message, string digest)
    {
        Assert.Equal(digest, Convert.ToHexStringLower(Sha256Of(Encoding.ASCII.GetBytes(message), [int.MaxValue])));
    }

    [Theory]
    [InlineData("abc", "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f")]
    [InlineData("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu", "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909")]
    public void Sha512MatchesTheStandardsExamples(string message, string digest)
    {
        Assert.Equal(digest, Convert.ToHexStringLower(Sha512Of(Encoding.ASCII.GetBytes(message), [int.MaxValue])));
    }

    [Fact]
    public void EveryLengthAroundThePaddingBoundariesMatchesDotNet()
    {
        var data = new byte[300];
        new Random(7).NextBytes(data);
        for (int length = 0; length <= data.Length; length++)
        {
            var message = data[..length];
            Assert.Equal(SHA256.HashData(message), Sha256Of(message, [int.MaxValue]));
            Assert.Equal(SHA512.HashData(message), Sha512Of(message, [int.MaxValue]));
        }
    }

    [Property]
    public bool Sha256OfAnyChunkingMatchesDotNet(byte[] message, int[] chunks) =>
        SHA256.HashData(message).AsSpan().SequenceEqual(Sha256Of(message, chunks));

    [Property]
    public bool Sha512OfAnyChunkingMatchesDotNet(byte[] message, int[] chunks) =>
        SHA512.HashData(message).AsSpan().SequenceEqual(Sha512Of(message, chunks));

    [Fact]
    public void OneInstanceHashesMessageAfterMessage()
    {
        var sha = new Sha256();
        var digest = new byte[Sha256.HashSize];
        foreach (var text in new[] { "first", "second", "" })
        {
            var message = Encoding.ASCII.GetBytes(text);
            sha.Update(message, 0, message.Length);
            sha.Final(digest, 0);
            Assert.Equal(SHA256.HashData(message), digest);
        }
    }

    [Property]
    public bool ACopiedStateContinuesLikeTheOriginal(byte[] prefix, byte[] rest)
    {
        var original = new Sha256();
        original.Update(prefix, 0, prefix.Length);
        var copy = new Sha256();
        copy.Update(rest, 0, rest.Length);
        copy.CopyFrom(original);
        copy.Update(rest, 0, rest.Length);
        var digest = new byte[Sha256.HashSize];
        copy.Final(digest, 0);
        return SHA256.HashData([.. prefix, .. rest]).AsSpan().SequenceEqual(digest);
    }

    [Fact]
    public void FinalWritesAtTheGivenOffsetOnly()
    {
        var sha = new Sha512();
        var output = new byte[Sha512.HashSize + 10];
        output.AsSpan().Fill(0xEE);
        sha.Final(output, 5);
        Assert.Equal(SHA512.HashData([]), output[5..^5]);
        Assert.All(output[..5].Concat(output[^5..]), b => Assert.Equal(0xEE, b));
    }

    /// <summary>Feeds the message in pieces whose sizes come from <paramref name="chunks"/> (cycled).</summary>
    internal static IEnumerable<(int Offset, int Count)> Pieces(int length, int[] chunks)
    {
        int offset = 0;
        int next = 0;
        while (offset < length)
        {
            int size = chunks.Length == 0 ? length : 1 + (int)((uint)chunks[next++ % chunks.Length] % 200);
            size = Math.Min(size, length - offset);
            yield return (offset, size);
            offset += size;
        }
    }

    private static byte[] Sha256Of(byte[] message, int[] chunks)
    {
        var sha = new Sha256();
        foreach (var (offset, count) in Pieces(message.Length, chunks))
        {
            sha.Update(message, offset, count);
        }

        var digest = new byte[Sha256.HashSize];
        sha.Final(digest, 0);
        return digest;
    }

    private static byte[] Sha512Of(byte[] message, int[] chunks)
    {
        var sha = new Sha512();
        foreach (var (offset, count) in Pieces(message.Length, chunks))
        {
            sha.Update(message, offset, count);
        }

        var digest = new byte[Sha512.HashSize];
        sha.Final(digest, 0);
        return digest;
    }
}
