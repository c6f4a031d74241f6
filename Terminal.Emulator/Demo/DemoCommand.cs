using System.CommandLine;
using Backend.Ingest.Qr;
using Terminal.Drivers.Indicators;
using Terminal.Emulator.Board;
using Terminal.Firmware.Blacklist;
using Terminal.Firmware.Card;
using Terminal.Firmware.Tap;
using Terminal.Simulation.Cards;
using Terminal.Simulation.Indicators;

namespace Terminal.Emulator.Demo;

/// <summary>
/// `demo`, the main job on embedded defaults: one emulated bus through a morning. Passengers with issued cards
/// board, change buses, run out of value, get caught on the blacklist, tamper with a card and pull a card away
/// too early; each tap shows what the driver's display and LEDs showed, and the journal is summed up at the end.
/// </summary>
public static class DemoCommand
{
    private const int PhoneKeyId = 2;

    /// <summary>The first bus leaves at 06:30.</summary>
    private const long FirstBusSeconds = 6 * 3600 + 30 * 60;

    private static readonly string[] Concessions = ["adult", "child", "student", "senior", "staff"];

    public static Command Create()
    {
        var passengers = new Option<int>("--passengers") { Description = "How many regular passengers ride.", DefaultValueFactory = _ => 12 };
        var seed = new Option<int>("--seed") { Description = "Seed of the passengers' randomness.", DefaultValueFactory = _ => 1 };
        var provisioned = new Option<string?>("--provisioned")
        {
            Description = "Boot the bus from a provision-terminal --out folder instead and ride it on the backend that issued it.",
        };
        var command = new Command("demo", "A morning on one emulated bus: every tap with what the display showed.") { passengers, seed, provisioned };
        command.SetAction(parseResult => parseResult.GetValue(provisioned) is { } folder
            ? ProvisionedDemo.Run(folder, parseResult.GetValue(passengers), Console.Out)
            : Run(parseResult.GetValue(passengers), parseResult.GetValue(seed), Console.Out));
        return command;
    }

    public static int Run(int passengerCount, int seed, TextWriter output)
    {
        if (passengerCount < 1)
        {
            output.WriteLine("--passengers must be at least 1.");
            return 2;
        }

        var random = new Random(seed);
        var bus = new EmulatedBus();
        bus.Clock.Advance(FirstBusSeconds * 1_000_000L);
        var display = new IndicatorRecorder(bus.Clock);
        var panel = new IndicatorPanel(
            display.Pin(IndicatorRecorder.Green), display.Pin(IndicatorRecorder.Red), display.Pin(IndicatorRecorder.Amber),
            display.Pin(IndicatorRecorder.Buzzer), display, new MessageTable());
        output.WriteLine($"Bus terminal {bus.Config.TerminalId} on route {bus.Config.RouteId}; fare table loaded: {bus.Terminal.Fares.Current is not null}");

        var riders = Enumerable.Range(0, passengerCount)
            .Select(i => new Rider($"passenger {i + 1}", i % 5, bus.Issue(random.Next(300, 2500), cardType: i % 5, uidLength: i % 2 == 0 ? 7 : 4)))
            .ToList();
        var broke = new Rider("passenger on the last ride", 0, bus.Issue(40));
        var listed = new Rider("passenger with a stolen card", 0, bus.Issue(2000));
        var forged = new Rider("passenger with an edited card", 0, bus.Issue(100));
        ListOnBlacklist(bus, listed.Card);
        EditBalance(forged.Card);

        var boardings = riders.Concat([broke, listed, forged]).OrderBy(_ => random.Next()).ToList();
        boardings.Insert(boardings.Count / 2, riders[0] with { PullsEarly = true });
        boardings.Add(broke with { Name = "same, back for another ride" });
        foreach (var rider in boardings)
        {
            bus.Clock.Advance(random.Next(20, 240) * 1_000_000L);
            Board(bus, panel, display, rider, output);
        }

        var phone = QrTokenSigner.WithRandomKey(PhoneKeyId, random);
        bus.Terminal.KeyRing.TryAdd(PhoneKeyId, phone.PublicKey, 0);
        var now = (uint)bus.Clock.UtcUnixSeconds;
        var code = phone.IssueText(new QrTokenFields(500123, (ulong)random.Next(), now, now + 60));
        Scan(bus, panel, display, "passenger paying by phone", code, output);
        Scan(bus, panel, display, "same code shown again", code, output);

        var records = bus.JournalRecords();
        output.WriteLine();
        output.WriteLine($"Journal: {records.Count} records, {bus.Terminal.Journal.UsedBytes} of {bus.Terminal.Journal.BudgetBytes} bytes, card charges {Money(bus.JournaledCharges())}, waiting for upload");
        return 0;
    }

    private static void Board(EmulatedBus bus, IndicatorPanel panel, IndicatorRecorder display, Rider rider, TextWriter output)
    {
        var field = bus.Terminal.Reader.Field;
        field.Enter(rider.Card);
        if (rider.PullsEarly)
        {
            field.RemoveBefore(field.ExchangeCount + 9, rider.Card);
        }

        var outcome = bus.Terminal.Tap.Poll();
        Show(bus, panel, display, rider, outcome, output);
        field.Remove(rider.Card);
        field.ClearFaults();
        bus.Terminal.Tap.Poll();
        if (outcome == TapOutcome.TapAgain)
        {
            bus.Clock.Advance(2_000_000);
            field.Enter(rider.Card);
            Show(bus, panel, display, rider, bus.Terminal.Tap.Poll(), output);
            field.Remove(rider.Card);
            bus.Terminal.Tap.Poll();
        }
    }

    private static void Show(EmulatedBus bus, IndicatorPanel panel, IndicatorRecorder display, Rider rider, TapOutcome outcome, TextWriter output)
    {
        panel.Show(bus.Terminal.Tap.Status, bus.Clock);
        Line(bus, display, rider.Name, Concessions[rider.CardType], Convert.ToHexString(rider.Card.Uid), outcome, output);
    }

    private static void Scan(EmulatedBus bus, IndicatorPanel panel, IndicatorRecorder display, string who, byte[] code, TextWriter output)
    {
        bus.Clock.Advance(30_000_000);
        var outcome = bus.Scan(code);
        panel.Show(bus.Terminal.Qr.Status, bus.Clock);
        Line(bus, display, who, "QR", $"{code.Length} chars", outcome, output);
    }

    /// <summary>One row of the demo: when, who, with what, what the display and LEDs showed, and the firmware's outcome.</summary>
    private static void Line(EmulatedBus bus, IndicatorRecorder display, string who, string kind, string medium, TapOutcome outcome, TextWriter output)
    {
        var time = DateTimeOffset.FromUnixTimeSeconds(bus.Clock.UtcUnixSeconds).ToString("HH:mm:ss");
        output.WriteLine($"{time}  {who,-30} {kind,-7} {medium,-14}  {display.Render(),-44} {outcome}");
    }

    private static void ListOnBlacklist(EmulatedBus bus, MifareClassicCard card)
    {
        var listing = new BlacklistChanges();
        listing.ListCard(card.Uid, 0, card.Uid.Length, 3);
        bus.Terminal.Blacklist.LoadSnapshot(1, listing);
    }

    /// <summary>What a fraudster with a cheap reader and the card's keys would do: raise the balance bytes of both copies.</summary>
    private static void EditBalance(MifareClassicCard card)
    {
        foreach (var block in new[] { CardLayout.PurseBlockA, CardLayout.PurseBlockB })
        {
            var bytes = card.ReadBlock(block);
            bytes[2] = 0x01;
            card.WriteBlock(block, bytes);
        }
    }

    private static string Money(long cents) => $"{cents / 100}.{Math.Abs(cents % 100):D2}";

    private sealed record Rider(string Name, int CardType, MifareClassicCard Card, bool PullsEarly = false);
}
