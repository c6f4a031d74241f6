using Terminal.Emulator.Backoffice;
using Terminal.Emulator.Board;
using Terminal.Simulation.Cards;

namespace Terminal.Emulator.Fleet;

/// <summary>One boarding: when, and with a card or (when <see cref="Card"/> is null) a phone showing a QR token.</summary>
public sealed record Boarding(long UnixSeconds, MifareClassicCard? Card, uint AccountId);

/// <summary>Records a card the desk has just personalised: its concession and its first load, in cents.</summary>
public delegate void CardRegistrar(MifareClassicCard card, int cardType, int firstLoad);

/// <summary>
/// The passengers of one bus over a service day: regulars with cards issued at the desk (every concession,
/// 4- and 7-byte UIDs, balances that run low for some), each personalised by the desk's reader and registered
/// with its first load through <paramref name="register"/> (the backend's desk API in the fleet), and phone users
/// of the registered passenger accounts <paramref name="accounts"/> showing QR tokens. Boardings crowd into a morning and an evening peak, with a thinner flow all day.
/// </summary>
public static class Ridership
{
    public const double QrShare = 0.15;

    /// <summary>The first regular's first load: a commuter's monthly top-up, enough for every ride of the day.</summary>
    public const int WellLoaded = 6000;

    /// <summary>The day's boardings, and the regulars' cards in the order the desk issued them (the first an adult's, well loaded).</summary>
    public static (IReadOnlyList<Boarding> Boardings, IReadOnlyList<MifareClassicCard> Riders) Plan(
        EmulatedBus bus, ServiceDay day, int boardings, Random random, CardRegistrar register, IReadOnlyList<uint> accounts)
    {
        var riders = Enumerable.Range(0, Math.Max(4, boardings / 8)).Select(i =>
        {
            var (balance, cardType) = (i == 0 ? WellLoaded : random.Next(300, 6000), i % 5);
            var card = bus.Issue(balance, cardType, uidLength: i % 3 == 0 ? 4 : 7);
            register(card, cardType, balance);
            return card;
        }).ToArray();
        var plan = new List<Boarding>(boardings);
        for (var i = 0; i < boardings; i++)
        {
            var at = BoardingTime(day, random);
            plan.Add(accounts.Count > 0 && random.NextDouble() < QrShare
                ? new Boarding(at, null, accounts[random.Next(accounts.Count)])
                : new Boarding(at, riders[random.Next(riders.Length)], 0));
        }

        plan.Sort((a, b) => a.UnixSeconds.CompareTo(b.UnixSeconds));
        return (plan, riders);
    }

    private static long BoardingTime(ServiceDay day, Random random)
    {
        var midnight = day.Start - ServiceDay.FirstDepartureSeconds;
        var hour = random.NextDouble() switch
        {
            < 0.35 => Normal(random, 8.0, 0.8),
            < 0.7 => Normal(random, 17.5, 1.0),
            _ => 5 + (random.NextDouble() * 18),
        };
        var seconds = midnight + (long)(hour * 3600);
        return Math.Clamp(seconds, day.Start, day.End - 1);
    }

    private static double Normal(Random random, double mean, double deviation) =>
        mean + (deviation * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
}
