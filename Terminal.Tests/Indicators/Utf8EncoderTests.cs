using System.Text;
using FsCheck;
using FsCheck.Xunit;
using Terminal.Drivers.Indicators;
using Xunit;

namespace Terminal.Tests.Indicators;

/// <summary>.NET's Encoding.UTF8 is the oracle for the nano encoder.</summary>
public sealed class Utf8EncoderTests
{
    [Property(MaxTest = 500)]
    public bool EncodesAnyStringLikeDotNet(string? text)
    {
        text ??= "";
        return Utf8Encoder.GetBytes(text).SequenceEqual(Encoding.UTF8.GetBytes(text))
            && Utf8Encoder.GetByteCount(text) == Encoding.UTF8.GetByteCount(text);
    }

    [Property(MaxTest = 500)]
    public bool EncodesAnyUnicodeScalarsLikeDotNet(int[] seeds)
    {
        var text = ScalarText(seeds);
        return Utf8Encoder.GetBytes(text).SequenceEqual(Encoding.UTF8.GetBytes(text));
    }

    [Property(MaxTest = 500)]
    public bool ATooSmallBufferGetsTheLongestWholeCharacterPrefix(int[] seeds, byte capacitySeed)
    {
        var text = ScalarText(seeds);
        var full = Encoding.UTF8.GetBytes(text);
        var capacity = capacitySeed % (full.Length + 1);
        var buffer = new byte[capacity];

        var written = Utf8Encoder.Encode(text, buffer, 0, capacity);

        var longest = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (longest + rune.Utf8SequenceLength > capacity)
            {
                break;
            }

            longest += rune.Utf8SequenceLength;
        }

        return written == longest && buffer.AsSpan(0, written).SequenceEqual(full.AsSpan(0, written));
    }

    [Property]
    public bool CountsCharactersAsRunes(int[] seeds)
    {
        var text = ScalarText(seeds);
        var bytes = Encoding.UTF8.GetBytes(text);
        return Utf8Encoder.CountCharacters(bytes, 0, bytes.Length) == text.EnumerateRunes().Count();
    }

    [Theory]
    [InlineData("Balance 8.75", 7, "Balance")]
    [InlineData("Gültig", 2, "Gü")]
    [InlineData("€€€", 2, "€€")]
    [InlineData("a😀b", 2, "a😀")]
    [InlineData("short", 10, "short")]
    public void APrefixOfCharactersEndsOnACharacterBoundary(string text, int characters, string expected)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        Assert.Equal(expected, Encoding.UTF8.GetString(bytes, 0, Utf8Encoder.PrefixLength(bytes, 0, bytes.Length, characters)));
    }

    [Fact]
    public void ALoneSurrogateBecomesTheReplacementCharacter() =>
        Assert.Equal([0x61, 0xEF, 0xBF, 0xBD, 0x62], Utf8Encoder.GetBytes("a\uD800b"));

    /// <summary>Maps arbitrary ints onto every Unicode scalar value (no surrogates), weighted to cover all UTF-8 lengths.</summary>
    private static string ScalarText(int[] seeds)
    {
        var text = new StringBuilder();
        foreach (var seed in seeds ?? [])
        {
            var u = (uint)seed;
            var scalar = (u % 4) switch
            {
                0 => u / 4 % 0x80,
                1 => 0x80 + u / 4 % 0x780,
                2 => 0x800 + u / 4 % (0x10000 - 0x800 - 0x800),
                _ => 0x10000 + u / 4 % 0x100000,
            };
            if (scalar >= 0xD800 && u % 4 == 2)
            {
                scalar += 0x800;
            }

            text.Append(char.ConvertFromUtf32((int)scalar));
        }

        return text.ToString();
    }
}
