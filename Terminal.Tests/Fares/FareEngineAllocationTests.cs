using Terminal.Firmware.Fares;
using Xunit;
using static Terminal.Tests.Fares.ExampleFareTable;

namespace Terminal.Tests.Fares;

/// <summary>The tap path allocates nothing once running: every outcome is priced into one reused decision.</summary>
public sealed class FareEngineAllocationTests
{
    [Fact]
    public void PricingAllocatesNothingInSteadyState()
    {
        var table = Load();
        var decision = new FareDecision();
        var cards = new[]
        {
            FareEngineTests.Fresh(CardType.Adult, 1000),
            FareEngineTests.Fresh(CardType.Child, 5),
            FareEngineTests.Fresh(CardType.Adult, -300),
            FareEngineTests.Boarded(CardType.Adult, 1000, T - 30, terminal: 5, fare: 250),
            FareEngineTests.Boarded(CardType.Student, 1000, T - 600, terminal: 6, fare: 400),
        };
        var taps = new[]
        {
            FareEngineTests.Tap(T, 10, 5),
            FareEngineTests.Tap(T, 30, 6),
            FareEngineTests.Tap(P, 20, 7),
            FareEngineTests.Tap(T, 99, 5),
            FareEngineTests.Tap(ValidUntil, 10, 5),
        };
        var outcomes = new HashSet<FareOutcome>();

        void PriceAll()
        {
            foreach (var card in cards)
            {
                foreach (var tap in taps)
                {
                    FareEngine.Price(table, card, tap, decision);
                    FareEngine.Price(table, decision.NewState, tap, decision);
                }
            }
        }

        PriceAll();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int round = 0; round < 100; round++)
        {
            PriceAll();
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        foreach (var card in cards)
        {
            foreach (var tap in taps)
            {
                FareEngine.Price(table, card, tap, decision);
                outcomes.Add(decision.Outcome);
            }
        }

        Assert.Equal(0, allocated);
        Assert.Superset(new HashSet<FareOutcome> { FareOutcome.Charge, FareOutcome.Transfer, FareOutcome.AlreadyPaid, FareOutcome.Refused }, outcomes);
    }
}
