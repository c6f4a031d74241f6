using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Terminal.Simulation.Cards;
using Xunit;

namespace Terminal.Tests.Simulation;

/// <summary>Value blocks and access bits encode and decode without loss, and corruption is caught.</summary>
public sealed class ClassicCodecPropertyTests
{
    private static readonly Arbitrary<AccessConditions> Conditions =
        Gen.Choose(0, 7).ArrayOf(4)
            .Select(c => new AccessConditions((byte)c[0], (byte)c[1], (byte)c[2], (byte)c[3]))
            .ToArbitrary();

    [Fact]
    public void ValueBlockMatchesTheDatasheetExample() =>
        Assert.Equal(
            new byte[] { 0x64, 0x00, 0x00, 0x00, 0x9B, 0xFF, 0xFF, 0xFF, 0x64, 0x00, 0x00, 0x00, 0x00, 0xFF, 0x00, 0xFF },
            ValueBlock.Encode(100, 0));

    [Property]
    public bool ValueBlockRoundTrips(int value, byte address) =>
        ValueBlock.TryDecode(ValueBlock.Encode(value, address), out int decoded, out byte decodedAddress)
        && decoded == value && decodedAddress == address;

    [Property]
    public bool AnySingleBitFlipBreaksAValueBlock(int value, byte address, byte bitSeed)
    {
        var block = ValueBlock.Encode(value, address);
        int bit = bitSeed % 128;
        block[bit / 8] ^= (byte)(1 << (bit % 8));
        return !ValueBlock.TryDecode(block, out _, out _);
    }

    [Fact]
    public void TransportAccessBitsAreFF0780() =>
        Assert.Equal(new byte[] { 0xFF, 0x07, 0x80 }, AccessConditions.Transport.Encode());

    [Property]
    public Property AccessBitsRoundTrip() =>
        Prop.ForAll(Conditions, conditions =>
            AccessConditions.TryDecode(conditions.Encode(), out var decoded) && decoded == conditions);

    [Property]
    public Property AnySingleBitFlipMakesAccessBitsInvalid() =>
        Prop.ForAll(Conditions, Gen.Choose(0, 23).ToArbitrary(), (conditions, bit) =>
        {
            var bytes = conditions.Encode();
            bytes[bit / 8] ^= (byte)(1 << (bit % 8));
            return !AccessConditions.TryDecode(bytes, out _);
        });
}
