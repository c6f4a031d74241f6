using FsCheck.Xunit;
using Terminal.Drivers.Mifare;
using Xunit;

namespace Terminal.Tests.Mifare;

public sealed class ValueBlockTests
{
    [Fact]
    public void EncodesTheDatasheetExample()
    {
        var block = new byte[16];
        ValueBlock.Encode(100, 0, block, 0);
        Assert.Equal(
            new byte[] { 0x64, 0, 0, 0, 0x9B, 0xFF, 0xFF, 0xFF, 0x64, 0, 0, 0, 0x00, 0xFF, 0x00, 0xFF },
            block);
    }

    [Property]
    public bool DecodesWhatItEncodes(int value, byte address, byte offset)
    {
        var buffer = new byte[16 + offset];
        ValueBlock.Encode(value, address, buffer, offset);
        return ValueBlock.TryDecode(buffer, offset, out var decodedValue, out var decodedAddress)
            && decodedValue == value
            && decodedAddress == address;
    }

    [Property]
    public bool AnySingleBitFlipMakesTheBlockInvalid(int value, byte address, byte bit)
    {
        var block = new byte[16];
        ValueBlock.Encode(value, address, block, 0);
        block[(bit % 128) / 8] ^= (byte)(1 << (bit % 8));
        return !ValueBlock.IsValid(block, 0) && !ValueBlock.TryDecode(block, 0, out _, out _);
    }

    [Fact]
    public void AnEmptyBlockIsNotAValueBlock()
    {
        Assert.False(ValueBlock.TryDecode(new byte[16], 0, out var value, out var address));
        Assert.Equal(0, value);
        Assert.Equal(0, address);
    }

    [Fact]
    public void NegativeValuesAreStoredAsTwosComplement()
    {
        var block = new byte[16];
        ValueBlock.Encode(-2, 5, block, 0);
        Assert.Equal(new byte[] { 0xFE, 0xFF, 0xFF, 0xFF, 0x01, 0, 0, 0 }, block[..8]);
        Assert.True(ValueBlock.TryDecode(block, 0, out var value, out _));
        Assert.Equal(-2, value);
    }
}
