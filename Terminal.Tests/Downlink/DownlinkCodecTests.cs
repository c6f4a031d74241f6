using FsCheck.Xunit;
using Terminal.Firmware.Blacklist;
using Terminal.Firmware.Downlink;
using Xunit;
using static Terminal.Tests.Downlink.DownlinkTerminal;

namespace Terminal.Tests.Downlink;

public sealed class DownlinkCodecTests
{
    [Property]
    public bool AMessageRoundTrips(byte kindSeed, uint target, uint from, uint to, long issuedAt, byte[] body)
    {
        var kind = (DownlinkKind)(1 + (kindSeed % 5));
        var message = BackendKey.Sign(kind, target, from, to, issuedAt, body);
        var header = new DownlinkHeader();
        return message.Length == DownlinkCodec.LengthFor(body.Length)
            && DownlinkCodec.Decode(message, 0, message.Length, header) == DownlinkStatus.Ok
            && header.Kind == kind && header.TargetTerminal == target && header.FromVersion == from && header.ToVersion == to
            && header.IssuedAt == issuedAt && header.KeyId == AnchorKeyId
            && message.AsSpan(header.BodyOffset, header.BodyLength).SequenceEqual(body)
            && header.SignatureOffset + DownlinkCodec.SignatureSize == message.Length;
    }

    [Property]
    public bool ABlacklistSectionRoundTrips(byte[][] keys, byte[] reasons)
    {
        var changes = new BlacklistChanges();
        for (int i = 0; i < keys.Length; i++)
        {
            var key = keys[i].Concat(new byte[10]).Take(10).ToArray();
            int kind = i % BlacklistKinds.Count;
            byte reason = reasons.Length == 0 ? (byte)0 : reasons[i % reasons.Length];
            _ = reason == 0 ? changes.Remove((BlacklistKind)kind, key, 0) : changes.List((BlacklistKind)kind, key, 0, reason);
        }

        var section = new byte[BlacklistBody.SectionLength(changes)];
        var decoded = new BlacklistChanges();
        bool sameEntries = BlacklistBody.WriteSection(changes, section, 0) == section.Length
            && BlacklistBody.ReadSection(section, 0, section.Length, false, decoded) == section.Length
            && decoded.Count == changes.Count;
        for (int i = 0; sameEntries && i < changes.Count; i++)
        {
            int bytes = BlacklistKinds.KeyBytes(changes.KindAt(i));
            sameEntries = decoded.KindAt(i) == changes.KindAt(i) && decoded.ReasonAt(i) == changes.ReasonAt(i)
                && decoded.Keys.AsSpan(i * BlacklistChanges.KeyStride, bytes).SequenceEqual(changes.Keys.AsSpan(i * BlacklistChanges.KeyStride, bytes));
        }

        return sameEntries && BlacklistBody.IsWellFormed(section, 0, section.Length, 1, false)
            && !BlacklistBody.IsWellFormed(section, 0, section.Length - 1, 1, false);
    }

    [Fact]
    public void TheHeaderLayoutIsTheDocumentedOne()
    {
        var message = BackendKey.Sign(DownlinkKind.BlacklistDelta, 0x01020304, 5, 8, 0x1122334455667788, [0xAA, 0xBB]);

        Assert.Equal(
            new byte[] { 1, 2, 0, 0, 4, 3, 2, 1, 5, 0, 0, 0, 8, 0, 0, 0, 0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11, 2, 0, 0, 0, 0xAA, 0xBB, 1, 0 },
            message[..32]);
        Assert.Equal(32 + 64, message.Length);
    }

    [Fact]
    public void MisframedMessagesAreRefusedInTheDocumentedOrder()
    {
        var good = BackendKey.Sign(DownlinkKind.Time, 1, 0, 0, 5, new byte[4]);
        var header = new DownlinkHeader();

        Assert.Equal(DownlinkStatus.Truncated, DownlinkCodec.Decode(good, 0, DownlinkCodec.HeaderSize + DownlinkCodec.TrailerSize - 1, header));
        Assert.Equal(DownlinkStatus.Truncated, DownlinkCodec.Decode(good, 0, good.Length - 1, header));
        Assert.Equal(DownlinkStatus.Oversized, DownlinkCodec.Decode([.. good, 0], 0, good.Length + 1, header));
        Assert.Equal(DownlinkStatus.Oversized, DownlinkCodec.Decode(new byte[DownlinkCodec.MaxMessageBytes + 1], 0, DownlinkCodec.MaxMessageBytes + 1, header));
        Assert.Equal(DownlinkStatus.UnknownVersion, DownlinkCodec.Decode(With(good, 0, 2), 0, good.Length, header));
        Assert.Equal(DownlinkStatus.UnknownKind, DownlinkCodec.Decode(With(good, 1, 0), 0, good.Length, header));
        Assert.Equal(DownlinkStatus.UnknownKind, DownlinkCodec.Decode(With(good, 1, 9), 0, good.Length, header));
        Assert.Equal(DownlinkStatus.Malformed, DownlinkCodec.Decode(With(good, 3, 1), 0, good.Length, header));
        Assert.Throws<ArgumentException>(() => BackendKey.Sign(DownlinkKind.Time, 1, 0, 0, 5, new byte[DownlinkCodec.MaxBodyBytes + 1]));
    }

    private static byte[] With(byte[] message, int index, byte value)
    {
        var copy = message.ToArray();
        copy[index] = value;
        return copy;
    }
}
