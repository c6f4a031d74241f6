using Backend.Ingest.Qr;
using Terminal.Firmware.Crypto;
using Terminal.Firmware.Qr;
using Terminal.Simulation.Timing;
using Xunit;

namespace Terminal.Tests.Qr;

/// <summary>The sample token in docs/qr-token.md, signed with RFC 8032's public test key 1, byte for byte.</summary>
public sealed class QrTokenDocumentedVectorTests
{
    private const string Rfc8032TestKey1Secret = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    private const string Rfc8032TestKey1Public = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";

    private static readonly QrTokenFields Fields = new(
        AccountId: 123456789, TokenId: 0x0123456789ABCDEF, ValidFrom: 1_767_225_600, ValidUntil: 1_767_225_660, FareProduct: 1, Concession: 0);

    private const string SignedBytesHex = "010001075bcd150123456789abcdef6955b9006955b93c0100";

    private const string TokenText = "V50%50BRBMT2TK404DGWL:BUU$AF20U$AGQ7910CF2JXD/SQCWRNMQS5CF9O8D8CWB+V9+:0KCCYMTGBC$QJ *U2%JY%9N8P+MCC-KXCAHBG5:2RTPX+9$30-$SK:0D%8C7W20";

    [Fact]
    public void TheDocumentedBytesAndTextAreWhatTheIssuerWrites()
    {
        var issuer = new QrTokenSigner(keyId: 1, Convert.FromHexString(Rfc8032TestKey1Secret));
        Assert.Equal(Rfc8032TestKey1Public, Convert.ToHexStringLower(issuer.PublicKey));
        var token = issuer.IssueBytes(Fields);
        Assert.Equal(SignedBytesHex, Convert.ToHexStringLower(token.AsSpan(0, QrTokenLayout.SignedSize)));
        Assert.Equal(TokenText, Base45Text.Encode(token));
    }

    [Fact]
    public void TheDocumentedTextVerifiesInsideItsWindowOnly()
    {
        var signatures = new Ed25519Verifier();
        var keys = new QrKeyRing(signatures, capacity: 2);
        Assert.True(keys.TryAdd(1, Convert.FromHexString(Rfc8032TestKey1Public), 0));
        var text = System.Text.Encoding.ASCII.GetBytes(TokenText);

        var during = new QrTokenVerifier(new SimulatedClock(1_767_225_630), keys, signatures, new UsedTokenSet(8));
        Assert.Equal(QrTokenStatus.Ok, during.Verify(text, 0, text.Length));
        var after = new QrTokenVerifier(new SimulatedClock(1_767_225_691), keys, signatures, new UsedTokenSet(8));
        Assert.Equal(QrTokenStatus.Expired, after.Verify(text, 0, text.Length));
    }
}
