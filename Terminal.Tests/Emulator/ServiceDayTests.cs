using Terminal.Emulator.Fleet;
using Xunit;

namespace Terminal.Tests.Emulator;

/// <summary>The fleet runs on the real date, so the backend's "today" (the fleet page, the day's report) shows its fares.</summary>
public sealed class ServiceDayTests
{
    [Theory]
    [InlineData("2027-03-05T14:22:09Z", "2027-03-05T05:00:00Z", "2027-03-05T23:00:00Z")]
    [InlineData("2026-12-31T23:59:59Z", "2026-12-31T05:00:00Z", "2026-12-31T23:00:00Z")]
    [InlineData("2030-01-01T00:00:00Z", "2030-01-01T05:00:00Z", "2030-01-01T23:00:00Z")]
    public void TheDayIsTheUtcDateOfNowFromFirstDepartureToLastArrival(string now, string start, string end)
    {
        var day = ServiceDay.OnTheDateOf(DateTimeOffset.Parse(now), TimeSpan.FromMinutes(2));
        Assert.Equal(DateTimeOffset.Parse(start).ToUnixTimeSeconds(), day.Start);
        Assert.Equal(DateTimeOffset.Parse(end).ToUnixTimeSeconds(), day.End);
    }

    [Fact]
    public void TodaysDayContainsTheRealDate()
    {
        var now = DateTimeOffset.UtcNow;
        var day = ServiceDay.OnTheDateOf(now, TimeSpan.FromMinutes(2));
        Assert.Equal(DateOnly.FromDateTime(now.UtcDateTime), DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeSeconds(day.Start).UtcDateTime));
    }
}
