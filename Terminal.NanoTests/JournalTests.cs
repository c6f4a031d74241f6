using nanoFramework.TestFramework;
using Terminal.Firmware.Journal;

namespace Terminal.NanoTests
{
    /// <summary>The journal over in-memory storage: sequences, reading back, recovery after a restart, acknowledgement.</summary>
    [TestClass]
    public class JournalTests
    {
        [TestMethod]
        public void AppendedRecordsReadBackInSequence()
        {
            var journal = new Journal(new MemoryStorage());
            Assert.AreEqual((int)JournalStatus.Ok, (int)journal.Open());
            for (int i = 0; i < 3; i++)
            {
                Assert.AreEqual((int)JournalStatus.Ok, (int)journal.Append(Tap(100 + i)));
            }

            var buffer = new byte[TxRecordCodec.Size * 8];
            Assert.AreEqual(3, journal.ReadBatch(1, buffer, 0, 8));
            var record = new TxRecord();
            for (int i = 0; i < 3; i++)
            {
                Assert.AreEqual((int)RecordStatus.Ok, (int)TxRecordCodec.Decode(buffer, i * TxRecordCodec.Size, record));
                Assert.AreEqual((uint)(i + 1), record.Sequence);
                Assert.AreEqual(100 + i, record.Amount);
            }
        }

        [TestMethod]
        public void ARestartRecoversTheRecordsAndContinuesTheSequence()
        {
            var storage = new MemoryStorage();
            var journal = new Journal(storage);
            journal.Open();
            journal.Append(Tap(250));
            journal.Append(Tap(400));

            var restarted = new Journal(storage);
            Assert.AreEqual((int)JournalStatus.Ok, (int)restarted.Open());
            Assert.AreEqual(2u, restarted.LastSequence);
            var next = Tap(150);
            Assert.AreEqual((int)JournalStatus.Ok, (int)restarted.Append(next));
            Assert.AreEqual(3u, next.Sequence);
        }

        [TestMethod]
        public void AcknowledgedRecordsAreNoLongerPending()
        {
            var journal = new Journal(new MemoryStorage());
            journal.Open();
            journal.Append(Tap(250));
            journal.Append(Tap(250));
            Assert.IsTrue(journal.HasUnacknowledged);
            Assert.AreEqual((int)JournalStatus.Ok, (int)journal.Acknowledge(2));
            Assert.IsFalse(journal.HasUnacknowledged);
            Assert.AreEqual((int)JournalStatus.AckBeyondEnd, (int)journal.Acknowledge(3));
        }

        private static TxRecord Tap(int amount)
        {
            var record = new TxRecord();
            record.Kind = TxKind.CardTapAccepted;
            record.Timestamp = 1764000000;
            record.SetCard(Hex.Bytes("04a1b2c3d4e5f6"), 0, 7);
            record.Amount = amount;
            record.BalanceAfter = 1000 - amount;
            record.CardCounter = 1;
            record.Route = 10;
            return record;
        }
    }
}
