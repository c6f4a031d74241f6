using Backend.Ingest.Api;
using Xunit;

namespace Backend.Tests.Api;

public sealed class MinorUnitsTests
{
    [Theory]
    [InlineData(0L, "0.00")]
    [InlineData(5L, "0.05")]
    [InlineData(-5L, "-0.05")]
    [InlineData(1250L, "12.50")]
    [InlineData(-300L, "-3.00")]
    [InlineData(long.MaxValue, "92233720368547758.07")]
    [InlineData(long.MinValue, "-92233720368547758.08")]
    public void FormatShowsTwoDecimalsForEveryLongIncludingMinValue(long minor, string expected) =>
        Assert.Equal(expected, MinorUnits.Format(minor));

    [Theory]
    [InlineData(long.MaxValue)]
    [InlineData(long.MinValue)]
    [InlineData(-1L)]
    [InlineData(0L)]
    public void TryParseOfFormatRoundTripsAtTheEdgesOfLong(long minor)
    {
        Assert.True(MinorUnits.TryParse(MinorUnits.Format(minor), out var parsed));
        Assert.Equal(minor, parsed);
    }

    [Theory]
    [InlineData("92233720368547758.08")]
    [InlineData("-92233720368547758.09")]
    [InlineData("1.005")]
    [InlineData("abc")]
    public void TryParseRefusesWhatNoLongOfCentsHolds(string text) => Assert.False(MinorUnits.TryParse(text, out _));
}
