using System;
using Terminal.Firmware.Blacklist;
using Terminal.Firmware.Crypto;
using Terminal.Firmware.Fares;
using Terminal.Firmware.Journal;
using Terminal.Firmware.Qr;
using Terminal.NanoTests;

namespace Terminal.NanoBench
{
    /// <summary>
    /// The device-cost work, in the nano subset so that the same code runs on nanoCLR and on .NET: one QR verification,
    /// one journal append, one fare price and one blacklist lookup, each repeated and timed with DateTime.UtcNow. Each
    /// prints "bench NAME ITERATIONS TICKS" (100 ns ticks in all); the caller divides.
    /// </summary>
    public static class DeviceBench
    {
        private const string Rfc8032TestKey1Public = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
        private const string TokenText = "V50%50BRBMT2TK404DGWL:BUU$AF20U$AGQ7910CF2JXD/SQCWRNMQS5CF9O8D8CWB+V9+:0KCCYMTGBC$QJ *U2%JY%9N8P+MCC-KXCAHBG5:2RTPX+9$30-$SK:0D%8C7W20";

        public static void Run(int scale)
        {
            QrVerification(5 * scale);
            JournalAppend(200 * scale);
            FarePrice(500 * scale);
            BlacklistLookup(500 * scale);
            Console.WriteLine("bench done");
        }

        private static void QrVerification(int iterations)
        {
            var signatures = new Ed25519Verifier();
            var keys = new QrKeyRing(signatures, 2);
            keys.TryAdd(1, Hex.Bytes(Rfc8032TestKey1Public), 0);
            var verifier = new QrTokenVerifier(new FixedClock(1767225630), keys, signatures, new UsedTokenSet(UsedTokenSet.TerminalCapacity));
            var text = Hex.Ascii(TokenText);
            long started = DateTime.UtcNow.Ticks;
            for (int i = 0; i < iterations; i++)
            {
                Check(verifier.Verify(text, 0, text.Length) == QrTokenStatus.Ok, "qr");
            }

            Report("qrVerify", iterations, started);
        }

        private static void JournalAppend(int iterations)
        {
            var journal = new Journal(new MemoryStorage());
            journal.Open();
            var record = new TxRecord();
            record.Kind = TxKind.CardTapAccepted;
            record.Timestamp = 1764000000;
            record.SetCard(Hex.Bytes("04a1b2c3d4e5f6"), 0, 7);
            record.Amount = 250;
            record.Route = 10;
            long started = DateTime.UtcNow.Ticks;
            for (int i = 0; i < iterations; i++)
            {
                Check(Journal.IsDurable(journal.Append(record)), "journal");
            }

            Report("journalAppend", iterations, started);
        }

        private static void FarePrice(int iterations)
        {
            var table = new FareTable();
            byte[] wire = ExampleFareTableBytes.Wire();
            Check(FareTableParser.Parse(wire, 0, wire.Length, table) == FareTableStatus.Loaded, "table");
            var card = new TripState();
            card.Balance = 1000;
            var tap = new TapContext();
            tap.Time = 1772434800;
            tap.RouteId = 10;
            tap.TerminalId = 5;
            var decision = new FareDecision();
            long started = DateTime.UtcNow.Ticks;
            for (int i = 0; i < iterations; i++)
            {
                FareEngine.Price(table, card, tap, decision);
            }

            Check(decision.Amount == 250, "fare");
            Report("farePrice", iterations, started);
        }

        private static void BlacklistLookup(int iterations)
        {
            var store = new BlacklistStore(new MemoryStorage());
            store.Open();
            var listing = new BlacklistChanges();
            var uid = new byte[7];
            uid[0] = 0x04;
            for (int i = 0; i < 1000; i++)
            {
                Number(uid, i * 7919);
                listing.ListCard(uid, 0, 7, 1);
            }

            Check(store.LoadSnapshot(1, listing) == BlacklistStatus.Ok, "blacklist");
            long started = DateTime.UtcNow.Ticks;
            for (int i = 0; i < iterations; i++)
            {
                Number(uid, (i * 7919) + 1);
                Check(store.LookupCard(uid, 0, 7).Outcome == BlacklistOutcome.NotListed, "lookup");
            }

            Report("blacklistLookup", iterations, started);
        }

        private static void Number(byte[] uid, int n)
        {
            uid[1] = (byte)(n >> 16);
            uid[2] = (byte)(n >> 8);
            uid[3] = (byte)n;
            uid[4] = (byte)(n * 31);
        }

        private static void Check(bool ok, string what)
        {
            if (!ok)
            {
                Console.WriteLine("bench failed " + what);
                throw new InvalidOperationException(what);
            }
        }

        private static void Report(string name, int iterations, long started)
        {
            Console.WriteLine("bench " + name + " " + iterations.ToString() + " " + (DateTime.UtcNow.Ticks - started).ToString());
        }
    }
}
