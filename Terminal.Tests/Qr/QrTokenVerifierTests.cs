using Backend.Ingest.Qr;
using FsCheck.Xunit;
using Terminal.Firmware.Crypto;
using Terminal.Firmware.Qr;
using Terminal.Simulation.Timing;
using Xunit;

namespace Terminal.Tests.Qr;

/// <summary>The terminal's verdict on scanned tokens: every refusal reason, the replay rule and key rotation.</summary>
public sealed class QrTokenVerifierTests
{
    private const long Start = 1_767_225_600;
    private static readonly Ed25519Verifier Signatures = new();

    private readonly SimulatedClock _clock = new(Start);
    private readonly QrTokenSigner _issuer = QrTokenSigner.WithRandomKey(keyId: 7, new Random(1));
    private readonly QrKeyRing _keys = new(Signatures, capacity: 4);
    private readonly UsedTokenSet _used = new(capacity: 64);
    private readonly QrTokenVerifier _verifier;

    public QrTokenVerifierTests()
    {
        Assert.True(_keys.TryAdd(_issuer.KeyId, _issuer.PublicKey, 0));
        _verifier = new QrTokenVerifier(_clock, _keys, Signatures, _used);
    }

    [Fact]
    public void AcceptsAFreshTokenAndExposesItsFields()
    {
        var text = _issuer.IssueText(new QrTokenFields(AccountId: 4_000_000_001, TokenId: 0xFEDCBA9876543210, (uint)Start - 5, (uint)Start + 55, FareProduct: 3, Concession: 2));
        Assert.Equal(QrTokenStatus.Ok, Verify(text));
        var token = _verifier.Token;
        Assert.Equal((7, 4_000_000_001L, unchecked((long)0xFEDCBA9876543210), Start - 5, Start + 55, 3, 2),
            (token.KeyId, token.AccountId, token.TokenId, token.ValidFromUnixSeconds, token.ValidUntilUnixSeconds, token.FareProduct, token.Concession));
    }

    [Fact]
    public void RefusesTheSameTokenTheSecondTime()
    {
        var text = Fresh(tokenId: 1);
        Assert.Equal(QrTokenStatus.Ok, Verify(text));
        _verifier.MarkUsed();
        _clock.Advance(2_000_000);
        Assert.Equal(QrTokenStatus.Replayed, Verify(text));
    }

    [Fact]
    public void ATokenNotMarkedUsedCanBeShownAgain()
    {
        var text = Fresh(tokenId: 2);
        Assert.Equal(QrTokenStatus.Ok, Verify(text));
        Assert.Equal(0, _used.CountLive(_clock.UtcUnixSeconds));
        Assert.Equal(QrTokenStatus.Ok, Verify(text));
        _verifier.MarkUsed();
        Assert.Equal(1, _used.CountLive(_clock.UtcUnixSeconds));
        Assert.Equal(QrTokenStatus.Replayed, Verify(text));
    }

    [Fact]
    public void MarkUsedAfterARefusalRecordsNothing()
    {
        Assert.Equal(QrTokenStatus.Ok, Verify(Fresh(tokenId: 3)));
        Assert.Equal(QrTokenStatus.Malformed, Verify(Fresh(tokenId: 4)[..^1]));
        _verifier.MarkUsed();
        Assert.Equal(0, _used.CountLive(_clock.UtcUnixSeconds));
    }

    [Fact]
    public void RefusesAForgedSignature()
    {
        // A stolen terminal holds only public keys: anyone else's secret under our key id fails.
        var forger = new QrTokenSigner(_issuer.KeyId, new byte[32]);
        Assert.Equal(QrTokenStatus.BadSignature, Verify(forger.IssueText(FreshFields(tokenId: 2))));
    }

    [Fact]
    public void RefusesATokenWithAnAlteredField()
    {
        var token = _issuer.IssueBytes(FreshFields(tokenId: 3));
        token[QrTokenLayout.AccountIdOffset + 3] ^= 1;
        Assert.Equal(QrTokenStatus.BadSignature, Verify(Text(token)));
    }

    [Property(MaxTest = 25)]
    public bool RefusesAnyFlippedBitOfTheToken(ushort bitSeed)
    {
        var token = _issuer.IssueBytes(FreshFields(tokenId: 4));
        int bit = bitSeed % (QrTokenLayout.TotalSize * 8);
        token[bit / 8] ^= (byte)(1 << (bit % 8));
        var status = Verify(Text(token));
        return status != QrTokenStatus.Ok;
    }

    [Fact]
    public void AForgedTokenDoesNotBlockTheRealOneWithTheSameId()
    {
        var forger = new QrTokenSigner(_issuer.KeyId, new byte[32]);
        Assert.Equal(QrTokenStatus.BadSignature, Verify(forger.IssueText(FreshFields(tokenId: 5))));
        Assert.Equal(QrTokenStatus.Ok, Verify(Fresh(tokenId: 5)));
    }

    [Fact]
    public void RefusesExpiredTokensAfterTheSkew()
    {
        var text = _issuer.IssueText(new QrTokenFields(1, 6, (uint)Start - 120, (uint)Start - QrTokenVerifier.AllowedSkewSeconds - 1));
        Assert.Equal(QrTokenStatus.Expired, Verify(text));
    }

    [Fact]
    public void AcceptsATokenThatExpiredWithinTheSkew()
    {
        var text = _issuer.IssueText(new QrTokenFields(1, 7, (uint)Start - 120, (uint)Start - QrTokenVerifier.AllowedSkewSeconds));
        Assert.Equal(QrTokenStatus.Ok, Verify(text));
    }

    [Fact]
    public void RefusesTokensNotYetValidBeyondTheSkew()
    {
        uint from = (uint)Start + QrTokenVerifier.AllowedSkewSeconds + 1;
        Assert.Equal(QrTokenStatus.NotYetValid, Verify(_issuer.IssueText(new QrTokenFields(1, 8, from, from + 60))));
        _clock.Advance(1_000_000);
        Assert.Equal(QrTokenStatus.Ok, Verify(_issuer.IssueText(new QrTokenFields(1, 8, from, from + 60))));
    }

    [Fact]
    public void RefusesAnUnknownKeyId()
    {
        var stranger = QrTokenSigner.WithRandomKey(keyId: 8, new Random(2));
        Assert.Equal(QrTokenStatus.UnknownKey, Verify(stranger.IssueText(FreshFields(tokenId: 9))));
    }

    [Fact]
    public void RotatesKeys()
    {
        var next = QrTokenSigner.WithRandomKey(keyId: 8, new Random(3));
        Assert.True(_keys.TryAdd(next.KeyId, next.PublicKey, 0));
        Assert.Equal(QrTokenStatus.Ok, Verify(next.IssueText(FreshFields(tokenId: 10))));
        Assert.Equal(QrTokenStatus.Ok, Verify(Fresh(tokenId: 11)));

        Assert.True(_keys.Remove(_issuer.KeyId));
        Assert.Equal(QrTokenStatus.UnknownKey, Verify(Fresh(tokenId: 12)));
        Assert.Equal(QrTokenStatus.Ok, Verify(next.IssueText(FreshFields(tokenId: 13))));
    }

    [Fact]
    public void AReplacedKeyStopsTheOldOneAndAnInvalidReplacementChangesNothing()
    {
        var replacement = QrTokenSigner.WithRandomKey(_issuer.KeyId, new Random(4));
        var smallOrderKey = new byte[32];
        smallOrderKey[0] = 1;
        Assert.False(_keys.TryAdd(_issuer.KeyId, smallOrderKey, 0));
        Assert.Equal(QrTokenStatus.Ok, Verify(Fresh(tokenId: 14)));

        Assert.True(_keys.TryAdd(_issuer.KeyId, replacement.PublicKey, 0));
        Assert.Equal(1, _keys.Count);
        Assert.Equal(QrTokenStatus.BadSignature, Verify(Fresh(tokenId: 15)));
        Assert.Equal(QrTokenStatus.Ok, Verify(replacement.IssueText(FreshFields(tokenId: 15))));
    }

    [Fact]
    public void AFullKeyRingRefusesAnotherKey()
    {
        for (int id = 100; _keys.Count < 4; id++)
        {
            Assert.True(_keys.TryAdd(id, QrTokenSigner.WithRandomKey(id, new Random(id)).PublicKey, 0));
        }

        Assert.False(_keys.TryAdd(200, QrTokenSigner.WithRandomKey(200, new Random(200)).PublicKey, 0));
        Assert.False(_keys.TryAdd(0x10000, _issuer.PublicKey, 0));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(133)]
    public void RefusesTruncatedText(int keep)
    {
        var text = Fresh(tokenId: 16);
        Assert.Equal(QrTokenStatus.Malformed, _verifier.Verify(text, 0, keep));
    }

    [Fact]
    public void RefusesTextWithATrailingCharacter()
    {
        var text = Fresh(tokenId: 17).Append((byte)'0').ToArray();
        Assert.Equal(QrTokenStatus.Malformed, Verify(text));
    }

    [Property(MaxTest = 50)]
    public bool RefusesGarbageAsMalformed(byte[] garbage) => Verify(garbage) == QrTokenStatus.Malformed;

    [Fact]
    public void RefusesGarbageOfTheRightLengthAndAlphabet()
    {
        var garbage = Enumerable.Repeat((byte)'Z', QrTokenLayout.TextSize).ToArray();
        Assert.Equal(QrTokenStatus.Malformed, Verify(garbage));
        garbage = Enumerable.Repeat((byte)'0', QrTokenLayout.TextSize).ToArray();
        Assert.Equal(QrTokenStatus.Malformed, Verify(garbage));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(255)]
    public void RefusesOtherFormatVersions(byte version)
    {
        var fields = FreshFields(tokenId: 18) with { Version = version };
        Assert.Equal(QrTokenStatus.Malformed, Verify(_issuer.IssueText(fields)));
    }

    [Fact]
    public void RefusesValidityWindowsThatAreBackwardsOrTooLong()
    {
        Assert.Equal(QrTokenStatus.Malformed, Verify(_issuer.IssueText(new QrTokenFields(1, 19, (uint)Start + 10, (uint)Start))));
        Assert.Equal(QrTokenStatus.Malformed, Verify(_issuer.IssueText(new QrTokenFields(1, 19, (uint)Start, (uint)Start + QrTokenVerifier.MaxValiditySeconds + 1))));
        Assert.Equal(QrTokenStatus.Ok, Verify(_issuer.IssueText(new QrTokenFields(1, 19, (uint)Start, (uint)Start + QrTokenVerifier.MaxValiditySeconds))));
    }

    [Fact]
    public void TheReplaySetForgetsATokenOnlyOnceItWouldBeExpiredAnyway()
    {
        var text = _issuer.IssueText(new QrTokenFields(1, 20, (uint)Start, (uint)Start + 60));
        Assert.Equal(QrTokenStatus.Ok, Verify(text));
        _verifier.MarkUsed();
        _clock.Advance((60 + QrTokenVerifier.AllowedSkewSeconds) * 1_000_000L);
        Assert.Equal(QrTokenStatus.Replayed, Verify(text));
        Assert.Equal(1, _used.CountLive(_clock.UtcUnixSeconds));
        _clock.Advance(1_000_000);
        Assert.Equal(0, _used.CountLive(_clock.UtcUnixSeconds));
        Assert.Equal(QrTokenStatus.Expired, Verify(text));
    }

    [Fact]
    public void AScanAllocatesNothing()
    {
        var text = Fresh(tokenId: 21);
        Assert.Equal(QrTokenStatus.Ok, Verify(text));
        var next = Fresh(tokenId: 22);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var status = _verifier.Verify(next, 0, next.Length);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(QrTokenStatus.Ok, status);
        Assert.Equal(0, allocated);
    }

    [Property(MaxTest = 30)]
    public bool AcceptsAnyWellFormedTokenOnceWithItsFields(uint accountId, ulong tokenId, byte fare, byte concession, byte lifetimeSeed)
    {
        int lifetime = 1 + lifetimeSeed % QrTokenVerifier.MaxValiditySeconds;
        var text = _issuer.IssueText(new QrTokenFields(accountId, tokenId, (uint)Start, (uint)Start + (uint)lifetime, fare, concession));
        var verifier = new QrTokenVerifier(_clock, _keys, Signatures, new UsedTokenSet(capacity: 4));
        var first = verifier.Verify(text, 0, text.Length);
        verifier.MarkUsed();
        var token = verifier.Token;
        bool fieldsMatch = token.AccountId == accountId && token.TokenId == unchecked((long)tokenId)
            && token.FareProduct == fare && token.Concession == concession && token.ValidUntilUnixSeconds == Start + lifetime;
        return first == QrTokenStatus.Ok && fieldsMatch && verifier.Verify(text, 0, text.Length) == QrTokenStatus.Replayed;
    }

    private byte[] Fresh(ulong tokenId) => _issuer.IssueText(FreshFields(tokenId));

    private static QrTokenFields FreshFields(ulong tokenId) => new(AccountId: 42, tokenId, (uint)Start - 10, (uint)Start + 50);

    private static byte[] Text(byte[] token) => System.Text.Encoding.ASCII.GetBytes(Base45Text.Encode(token));

    private QrTokenStatus Verify(byte[] text) => _verifier.Verify(text, 0, text.Length);
}
