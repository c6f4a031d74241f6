using nanoFramework.TestFramework;
using Terminal.Firmware.Fares;

namespace Terminal.NanoTests
{
    /// <summary>The example table of docs/fares.md, parsed from its documented bytes, priced as its vectors say.</summary>
    [TestClass]
    public class FareEngineTests
    {
        /// <summary>2026-03-02 08:00 local (UTC+01:00), the vectors' T.</summary>
        private const long T = 1772434800;

        [TestMethod]
        public void TheDocumentedTableParses()
        {
            var table = Table();
            Assert.AreEqual(7u, (uint)table.Version);
        }

        [TestMethod]
        public void Vector1AFreshAdultCardPaysTheFlatFare()
        {
            var decision = Price(Fresh(CardType.Adult, 1000), 10, 0, 0);
            Assert.AreEqual((int)FareOutcome.Charge, (int)decision.Outcome);
            Assert.AreEqual(250, decision.Amount);
            Assert.AreEqual(750, decision.NewState.Balance);
        }

        [TestMethod]
        public void Vector8AZonalRideCostsItsZonePair()
        {
            var decision = Price(Fresh(CardType.Adult, 1000), 30, 0, 1);
            Assert.AreEqual((int)FareOutcome.Charge, (int)decision.Outcome);
            Assert.AreEqual(300, decision.Amount);
        }

        [TestMethod]
        public void Vector10AnUnknownRouteIsRefused()
        {
            var decision = Price(Fresh(CardType.Adult, 1000), 99, 0, 0);
            Assert.AreEqual((int)FareOutcome.Refused, (int)decision.Outcome);
            Assert.AreEqual((int)RefusalReason.NoFareForRoute, (int)decision.Reason);
            Assert.AreEqual(0, decision.Amount);
        }

        [TestMethod]
        public void Vector11AChildPaysHalf()
        {
            var decision = Price(Fresh(CardType.Child, 1000), 20, 0, 0);
            Assert.AreEqual((int)FareOutcome.Charge, (int)decision.Outcome);
            Assert.AreEqual(200, decision.Amount);
        }

        private static FareDecision Price(TripState card, int route, int origin, int destination)
        {
            var tap = new TapContext();
            tap.Time = T;
            tap.RouteId = route;
            tap.OriginZone = origin;
            tap.DestinationZone = destination;
            tap.TerminalId = 5;
            var decision = new FareDecision();
            FareEngine.Price(Table(), card, tap, decision);
            return decision;
        }

        private static TripState Fresh(CardType type, int balance)
        {
            var card = new TripState();
            card.CardType = type;
            card.Balance = balance;
            return card;
        }

        private static FareTable Table()
        {
            var wire = ExampleFareTableBytes.Wire();
            var table = new FareTable();
            Assert.AreEqual((int)FareTableStatus.Loaded, (int)FareTableParser.Parse(wire, 0, wire.Length, table));
            return table;
        }
    }
}
