using System.Text;
using Backend.Ingest.Qr;
using FsCheck.Xunit;
using Terminal.Firmware.Qr;
using Xunit;

namespace Terminal.Tests.Qr;

public sealed class Base45Tests
{
    [Theory]
    [InlineData("AB", "BB8")]
    [InlineData("Hello!!", "%69 VD92EX0")]
    [InlineData("base-45", "UJCLQE7W581")]
    [InlineData("ietf!", "QED8WEX0")]
    public void MatchesRfc9285Examples(string plain, string encoded)
    {
        Assert.Equal(encoded, Base45Text.Encode(Encoding.ASCII.GetBytes(plain)));
        Assert.Equal(plain, Encoding.ASCII.GetString(Decode(encoded)!));
    }

    [Property]
    public bool DecodesWhatTheEncoderWrites(byte[] data) =>
        Decode(Base45Text.Encode(data))!.AsSpan().SequenceEqual(data);

    [Theory]
    [InlineData("A")]
    [InlineData("BB8B")]
    [InlineData("bb8")]
    [InlineData("BB\n")]
    [InlineData(":::")]
    [InlineData("::")]
    public void RefusesWhatIsNotBase45(string text) => Assert.Null(Decode(text));

    [Fact]
    public void RefusesBytesOutsideAscii()
    {
        var text = new byte[] { (byte)'B', (byte)'B', 0xC8 };
        Assert.Equal(-1, Base45.Decode(text, 0, 3, new byte[2], 0));
    }

    [Fact]
    public void RefusesADestinationTooSmall() =>
        Assert.Equal(-1, Base45.Decode("BB8"u8.ToArray(), 0, 3, new byte[1], 0));

    [Fact]
    public void ATokenIs134Characters() => Assert.Equal(134, QrTokenLayout.TextSize);

    private static byte[]? Decode(string text)
    {
        var bytes = Encoding.ASCII.GetBytes(text);
        var output = new byte[text.Length];
        int length = Base45.Decode(bytes, 0, bytes.Length, output, 0);
        return length < 0 ? null : output[..length];
    }
}
