using System.Diagnostics;
using System.Text.Json;
using Terminal.Firmware.Crypto;
using Xunit;
using Xunit.Abstractions;

namespace Terminal.Tests.Crypto;

/// <summary>
/// What one Ed25519 verification costs in field operations, checked against the cost model of the code
/// (docs/qr-token.md), plus IL counts and host time for the device estimate. Figures go to the test output as JSON.
/// </summary>
public sealed class VerifyCostTests(ITestOutputHelper output)
{
    private const int BaseWindow = 6;
    private const int Inversion = 254;

    [Theory]
    [InlineData(0)]
    [InlineData(25)]
    [InlineData(200)]
    public void FieldOperationsPerVerifyFollowTheDoublingAndAdditionCounts(int messageLength)
    {
        var (publicKey, message, signature) = SignedSample(messageLength);
        var build = CountingBuild.Counting;
        dynamic verifier = build.Create("Ed25519Verifier");
        dynamic key = build.Create("Ed25519PublicKey");
        Assert.True(verifier.TryPrepare(key, publicKey, 0));

        build.ClearCounters();
        Assert.True(verifier.Verify(key, message, 0, message.Length, signature, 0));

        var (doublings, additions) = StrausSteps(publicKey, message, signature);
        Assert.Equal(4 * doublings + Inversion, build.Counter("FieldSquarings"));
        Assert.Equal(3 * doublings + 8 * additions + 11 + 2, build.Counter("FieldMultiplications"));
        Assert.Equal((64 + messageLength + 17 + 127) / 128, build.Counter("Sha512Blocks"));
    }

    [Fact]
    public void ReportsTheCostFigures()
    {
        var (publicKey, message, signature) = SignedSample(25);
        var counting = CountingBuild.Counting;
        dynamic verifier = counting.Create("Ed25519Verifier");
        dynamic key = counting.Create("Ed25519PublicKey");

        counting.ClearCounters();
        Assert.True(verifier.TryPrepare(key, publicKey, 0));
        var prepare = Snapshot(counting);
        counting.ClearCounters();
        Assert.True(verifier.Verify(key, message, 0, message.Length, signature, 0));
        var verify = Snapshot(counting);

        var plain = CountingBuild.Plain;
        int ilMul = plain.IlInstructions("Field25519", "Mul") + plain.IlInstructions("Field25519", "Reduce");
        int ilSquare = plain.IlInstructions("Field25519", "Square") + plain.IlInstructions("Field25519", "Reduce");
        int ilAdd = plain.IlInstructions("Field25519", "Add");
        var (doublings, additions) = StrausSteps(publicKey, message, signature);
        int ilPointGlue = doublings * (plain.IlInstructions("EdwardsCurve", "Double") + plain.IlInstructions("EdwardsCurve", "ToProjective"))
            + additions * (plain.IlInstructions("EdwardsCurve", "ToExtended") + plain.IlInstructions("EdwardsCurve", "Add"));
        long ilPerVerify = verify.Multiplications * ilMul + verify.Squarings * ilSquare + verify.Additions * ilAdd + ilPointGlue;

        var figures = new
        {
            messageBytes = message.Length,
            perVerify = verify,
            perKeyPreparation = prepare,
            doublings,
            pointAdditions = additions,
            ilInstructions = new { fieldMul = ilMul, fieldSquare = ilSquare, fieldAdd = ilAdd, sha512Compress = plain.IlInstructions("Sha512", "Compress"), estimatedPerVerify = ilPerVerify },
            hostMicrosecondsPerVerify = HostMicroseconds(plain, publicKey, message, signature),
            hostMicrosecondsPerHmacSha256 = HostHmacMicroseconds(plain, message),
        };
        output.WriteLine(JsonSerializer.Serialize(figures, new JsonSerializerOptions { WriteIndented = true }));

        Assert.InRange(verify.Multiplications + verify.Squarings, 1400, 2200);
        Assert.InRange(ilMul, 300, 900);
    }

    /// <summary>Doublings and point additions of the Straus loop for this signature, from the firmware's own NAF of each half scalar.</summary>
    private static (int Doublings, int Additions) StrausSteps(byte[] publicKey, byte[] message, byte[] signature)
    {
        var k = ChallengeScalar(publicKey, message, signature);
        var nafs = new[]
        {
            Naf(signature, 32, BaseWindow), Naf(signature, 48, BaseWindow),
            Naf(k, 0, Ed25519PublicKey.Window), Naf(k, 16, Ed25519PublicKey.Window),
        };
        int top = nafs.Max(naf => Array.FindLastIndex(naf, d => d != 0));
        return (top + 1, nafs.Sum(naf => naf.Count(d => d != 0)));
    }

    private static sbyte[] Naf(byte[] scalar, int offset, int width)
    {
        var naf = new sbyte[128 + width];
        Scalar25519.ComputeNaf(naf, scalar, offset, 16, width);
        return naf;
    }

    private static byte[] ChallengeScalar(byte[] publicKey, byte[] message, byte[] signature)
    {
        var hash = System.Security.Cryptography.SHA512.HashData([.. signature[..32], .. publicKey, .. message]);
        var k = new byte[32];
        Scalar25519.ReduceWide(k, 0, hash, 0, new long[64]);
        return k;
    }

    private static (byte[] PublicKey, byte[] Message, byte[] Signature) SignedSample(int messageLength)
    {
        var random = new Random(messageLength + 1);
        var secret = new byte[32];
        random.NextBytes(secret);
        var message = new byte[messageLength];
        random.NextBytes(message);
        return (Ed25519VerifierTests.BouncyCastle.PublicKeyOf(secret), message, Ed25519VerifierTests.BouncyCastle.Sign(secret, message));
    }

    private static Counts Snapshot(CountingBuild build) =>
        new(build.Counter("FieldMultiplications"), build.Counter("FieldSquarings"), build.Counter("FieldAdditions"), build.Counter("Sha512Blocks"));

    private static double HostMicroseconds(CountingBuild plain, byte[] publicKey, byte[] message, byte[] signature)
    {
        dynamic verifier = plain.Create("Ed25519Verifier");
        dynamic key = plain.Create("Ed25519PublicKey");
        verifier.TryPrepare(key, publicKey, 0);
        const int runs = 200;
        for (int i = 0; i < 20; i++)
        {
            verifier.Verify(key, message, 0, message.Length, signature, 0);
        }

        var clock = Stopwatch.StartNew();
        for (int i = 0; i < runs; i++)
        {
            verifier.Verify(key, message, 0, message.Length, signature, 0);
        }

        return Math.Round(clock.Elapsed.TotalMicroseconds / runs, 1);
    }

    private static double HostHmacMicroseconds(CountingBuild plain, byte[] message)
    {
        dynamic hmac = Activator.CreateInstance(plain.Type("HmacSha256"), new byte[32], 0, 32)!;
        var mac = new byte[32];
        const int runs = 2000;
        for (int i = 0; i < runs; i++)
        {
            hmac.Update(message, 0, message.Length);
            hmac.Final(mac, 0);
        }

        var clock = Stopwatch.StartNew();
        for (int i = 0; i < runs; i++)
        {
            hmac.Update(message, 0, message.Length);
            hmac.Final(mac, 0);
        }

        return Math.Round(clock.Elapsed.TotalMicroseconds / runs, 2);
    }

    private sealed record Counts(long Multiplications, long Squarings, long Additions, long Sha512Blocks);
}
