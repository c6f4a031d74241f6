using System.Globalization;
using System.Text;
using FsCheck.Xunit;
using Terminal.Drivers.Indicators;
using Xunit;

namespace Terminal.Tests.Indicators;

public sealed class MoneyFormatTests
{
    [Theory]
    [InlineData(125, 2, "1.25")]
    [InlineData(5, 2, "0.05")]
    [InlineData(0, 2, "0.00")]
    [InlineData(-50, 2, "-0.50")]
    [InlineData(123456789, 2, "1234567.89")]
    [InlineData(250, 0, "250")]
    [InlineData(7, 3, "0.007")]
    [InlineData(long.MinValue, 2, "-92233720368547758.08")]
    [InlineData(long.MaxValue, 0, "9223372036854775807")]
    public void WritesMinorUnitsAsADecimalAmount(long minorUnits, int fractionDigits, string expected) =>
        Assert.Equal(expected, Format(minorUnits, fractionDigits, (byte)'.'));

    [Property(MaxTest = 1000)]
    public bool MatchesDecimalFormatting(long minorUnits, byte digitsSeed)
    {
        var fractionDigits = digitsSeed % 5;
        var expected = (minorUnits / (decimal)Math.Pow(10, fractionDigits)).ToString("F" + fractionDigits, CultureInfo.InvariantCulture);
        return Format(minorUnits, fractionDigits, (byte)'.') == expected;
    }

    [Fact]
    public void UsesTheGivenSeparator() => Assert.Equal("3,20", Format(320, 2, (byte)','));

    [Fact]
    public void WritesAtTheOffsetAndNothingElse()
    {
        var buffer = Enumerable.Repeat((byte)'#', 10).ToArray();
        var written = MoneyFormat.Write(125, 2, (byte)'.', buffer, 3);
        Assert.Equal("###1.25###", Encoding.ASCII.GetString(buffer));
        Assert.Equal(4, written);
    }

    private static string Format(long minorUnits, int fractionDigits, byte separator)
    {
        var buffer = new byte[MoneyFormat.MaxLength];
        return Encoding.ASCII.GetString(buffer, 0, MoneyFormat.Write(minorUnits, fractionDigits, separator, buffer, 0));
    }
}
