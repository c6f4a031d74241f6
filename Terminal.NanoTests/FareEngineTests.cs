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

        private const string SignedPart =
            "46 54 01 00 07 00 00 00 00 b9 55 69 00 00 00 00 80 ec 36 6b 00 00 00 00 01 00 3c 00 b4 00 02 02"
            + "10 0e 00 00 3c 00 00 00 0a 00 00 00 f4 01 00 00 03 00 02 04 02 00 00 00 65 6e 66 72 0a 00 00 fa"
            + "00 00 00 14 00 00 90 01 00 00 1e 00 01 00 00 00 00 c8 00 00 00 2c 01 00 00 2c 01 00 00 c8 00 00"
            + "00 00 00 00 00 00 00 20 03 00 00 01 01 32 00 00 00 90 01 00 00 02 02 64 00 00 00 58 02 00 00 04"
            + "03 00 00 00 00 00 00 00 00 80 cb 1c 6a 00 00 00 00 00 1d 1e 6a 00 00 00 00 ff ff ff 01 64 00 00"
            + "00 80 cb 1c 6a 00 00 00 00 80 58 44 6a 00 00 00 00 14 00 ff 03 96 00 00 00";

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
            var signed = Hex.Bytes(SignedPart);
            var wire = new byte[signed.Length + 64];
            System.Array.Copy(signed, wire, signed.Length);
            var table = new FareTable();
            Assert.AreEqual((int)FareTableStatus.Loaded, (int)FareTableParser.Parse(wire, 0, wire.Length, table));
            return table;
        }
    }
}
