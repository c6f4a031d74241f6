using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Terminal.Emulator.Board;
using Terminal.Firmware.Tap;
using Terminal.Simulation.Cards;

namespace Terminal.Emulator.Bench;

/// <summary>
/// `bench tap`: card taps through the real firmware on the host board, with the RF, SPI and host figures of
/// each, next to the protocol's minimum air time for the same frames (the baseline of the same run).
/// </summary>
public static class TapBench
{
    private const int Cards = 64;
    private const int WarmUpTaps = 64;
    private const long SecondsBetweenTaps = 200;

    public static Command CreateCommand()
    {
        var taps = new Option<int>("--taps") { Description = "How many taps to measure.", DefaultValueFactory = _ => 10_000 };
        var command = new Command("tap", "RF frames, air time, SPI bytes, host CPU and allocation per card tap.") { taps };
        command.SetAction(parseResult => Run(parseResult.GetValue(taps), Console.Out));
        return command;
    }

    public static int Run(int tapCount, TextWriter output)
    {
        if (tapCount < 1)
        {
            output.WriteLine("--taps must be at least 1.");
            return 2;
        }

        var meter = new ModelAllocationMeter();
        var bus = new EmulatedBus(meter);
        var cards = Enumerable.Range(0, Cards).Select(i => bus.Issue(8_000_000, cardType: i % 5, uidLength: i % 3 == 0 ? 4 : 7)).ToArray();
        for (var i = 0; i < WarmUpTaps; i++)
        {
            bus.Tap(cards[i % Cards]);
            bus.Clock.Advance(SecondsBetweenTaps * 1_000_000);
        }

        var field = bus.Terminal.Reader.Field;
        var chip = bus.Terminal.Reader.Chip;
        field.Statistics.Reset();
        var spiBefore = chip.Statistics;
        long allocated = 0;
        long modelAllocated = 0;
        var cpu = new Stopwatch();
        var accepted = 0;
        for (var i = 0; i < tapCount; i++)
        {
            var card = cards[i % Cards];
            field.Enter(card);
            var modelBefore = meter.ModelBytes;
            var before = GC.GetAllocatedBytesForCurrentThread();
            cpu.Start();
            var outcome = bus.Terminal.Tap.Poll();
            cpu.Stop();
            allocated += GC.GetAllocatedBytesForCurrentThread() - before;
            modelAllocated += meter.ModelBytes - modelBefore;
            accepted += outcome == TapOutcome.Accepted ? 1 : 0;
            LeaveAndWait(bus, card);
        }

        var spi = chip.Statistics - spiBefore;
        var air = field.Statistics;
        var result = new TapBenchResult(
            tapCount,
            accepted,
            Math.Round((double)air.Frames / tapCount, 2),
            Math.Round(air.AirTimeMicroseconds / tapCount / 1000, 3),
            Math.Round(air.MinimumAirTimeMicroseconds / tapCount / 1000, 3),
            Math.Round(air.AirTimeMicroseconds / air.MinimumAirTimeMicroseconds, 3),
            Math.Round((double)spi.Bytes / tapCount, 1),
            Math.Round((double)spi.Transactions / tapCount, 1),
            Math.Round(cpu.Elapsed.TotalMicroseconds / tapCount, 1),
            Math.Round((double)(allocated - modelAllocated) / tapCount, 1),
            Math.Round((double)modelAllocated / tapCount, 1));
        output.WriteLine($"tap: {accepted}/{tapCount} accepted, {result.AirTimeMsPerTap} ms on air per tap against a protocol minimum of {result.MinAirTimeMsPerTap} ms");
        output.WriteLine(JsonSerializer.Serialize(result, BenchJson.Options));
        return accepted == tapCount ? 0 : 1;
    }

    /// <summary>The card leaves, the terminal sees the empty field, and the next passenger comes after the passback window.</summary>
    private static void LeaveAndWait(EmulatedBus bus, MifareClassicCard card)
    {
        bus.Terminal.Reader.Field.Remove(card);
        bus.Terminal.Tap.Poll();
        bus.Clock.Advance(SecondsBetweenTaps * 1_000_000);
    }
}

/// <summary>
/// The figures of `bench tap`. allocatedBytesPerTap is the firmware's own allocation (driver, tap, card, fares, journal);
/// modelAllocatedBytesPerTap is what the host's hardware models allocated meanwhile, measured and subtracted.
/// </summary>
public sealed record TapBenchResult(
    int Taps,
    int Accepted,
    double RfFramesPerTap,
    double AirTimeMsPerTap,
    double MinAirTimeMsPerTap,
    double AirTimeRatio,
    double SpiBytesPerTap,
    double SpiTransactionsPerTap,
    double HostCpuUsPerTap,
    double AllocatedBytesPerTap,
    double ModelAllocatedBytesPerTap);
