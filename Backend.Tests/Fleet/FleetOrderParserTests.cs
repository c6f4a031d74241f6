using Terminal.Emulator.Fleet;
using Xunit;

namespace Backend.Tests.Fleet;

/// <summary>The fleet's stdin commands and the scripted schedule: what is accepted, and garbage refused with a reason.</summary>
public sealed class FleetOrderParserTests
{
    [Theory]
    [InlineData("cut 3", FleetOrderKind.Cut, 3)]
    [InlineData("  RESTORE   5 ", FleetOrderKind.Restore, 5)]
    [InlineData("cut all", FleetOrderKind.Cut, null)]
    [InlineData("power 1", FleetOrderKind.Power, 1)]
    [InlineData("restart-broker", FleetOrderKind.RestartBroker, null)]
    [InlineData("status", FleetOrderKind.Status, null)]
    [InlineData("quit", FleetOrderKind.Quit, null)]
    public void CommandsAreUnderstood(string line, FleetOrderKind kind, int? bus)
    {
        Assert.True(FleetOrderParser.TryParse(line, 5, out var order, out var error), error);
        Assert.Equal(new FleetOrder(kind, bus), order);
    }

    [Theory]
    [InlineData("", "empty command")]
    [InlineData("explode 3", "unknown command 'explode'")]
    [InlineData("cut", "'cut' needs one bus number (1-5) or 'all'")]
    [InlineData("cut 6", "no bus '6'; buses are numbered 1-5")]
    [InlineData("cut 0", "no bus '0'")]
    [InlineData("power -1", "no bus '-1'")]
    [InlineData("restore two", "no bus 'two'")]
    [InlineData("cut 1 2", "'cut' needs one bus number")]
    [InlineData("status now", "'status' takes no argument")]
    public void GarbageIsRefusedWithAReason(string line, string reason)
    {
        Assert.False(FleetOrderParser.TryParse(line, 5, out _, out var error));
        Assert.Contains(reason, error);
    }

    [Fact]
    public void AScheduleIsSortedByTime()
    {
        Assert.True(FleetSchedule.TryParse("30:restore 2; 10:cut 2;20.5:restart-broker", 3, out var schedule, out var error), error);
        Assert.Equal(
            [new(TimeSpan.FromSeconds(10), new FleetOrder(FleetOrderKind.Cut, 2)), new(TimeSpan.FromSeconds(20.5), new FleetOrder(FleetOrderKind.RestartBroker)), new ScheduledOrder(TimeSpan.FromSeconds(30), new FleetOrder(FleetOrderKind.Restore, 2))],
            schedule);
    }

    [Theory]
    [InlineData("cut 2", "is not '<seconds>:<command>'")]
    [InlineData("soon:cut 2", "is not '<seconds>:<command>'")]
    [InlineData("-5:cut 2", "is not '<seconds>:<command>'")]
    [InlineData("5:cut 9", "schedule entry '5:cut 9': 'cut': no bus '9'")]
    public void ABadScheduleIsRefusedWithTheEntry(string text, string reason)
    {
        Assert.False(FleetSchedule.TryParse(text, 3, out _, out var error));
        Assert.Contains(reason, error);
    }
}
