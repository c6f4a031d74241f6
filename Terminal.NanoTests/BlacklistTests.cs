using nanoFramework.TestFramework;
using Terminal.Firmware.Blacklist;

namespace Terminal.NanoTests
{
    /// <summary>Blacklist lookups over in-memory storage: listed with its reason, not listed, no list, a corrupt list.</summary>
    [TestClass]
    public class BlacklistTests
    {
        private static readonly byte[] Lost = Hex.Bytes("04a1b2c3d4e5f6");
        private static readonly byte[] Stolen = Hex.Bytes("1a2b3c4d");
        private static readonly byte[] Honest = Hex.Bytes("04112233445566");

        [TestMethod]
        public void AListedCardAnswersListedWithItsReasonAndOthersNotListed()
        {
            var store = Installed(new MemoryStorage());
            Assert.AreEqual((int)BlacklistOutcome.Listed, (int)store.LookupCard(Lost, 0, 7).Outcome);
            Assert.AreEqual(9, (int)store.LookupCard(Lost, 0, 7).Reason);
            Assert.AreEqual(4, (int)store.LookupCard(Stolen, 0, 4).Reason);
            Assert.AreEqual((int)BlacklistOutcome.NotListed, (int)store.LookupCard(Honest, 0, 7).Outcome);
            Assert.AreEqual(2, store.ListedCount);
        }

        [TestMethod]
        public void AReopenedStoreGivesTheSameAnswers()
        {
            var storage = new MemoryStorage();
            Installed(storage);
            var reopened = new BlacklistStore(storage);
            Assert.AreEqual((int)BlacklistStatus.Ok, (int)reopened.Open());
            Assert.AreEqual(1u, reopened.Version);
            Assert.IsTrue(reopened.LookupCard(Lost, 0, 7).IsListed);
        }

        [TestMethod]
        public void WithoutAListOrWithACorruptOneTheAnswerIsUnavailable()
        {
            var empty = new BlacklistStore(new MemoryStorage());
            Assert.AreEqual((int)BlacklistStatus.Empty, (int)empty.Open());
            Assert.AreEqual((int)BlacklistOutcome.Unavailable, (int)empty.LookupCard(Lost, 0, 7).Outcome);

            var storage = new MemoryStorage();
            Installed(storage);
            storage.FlipBit("bl.man", 3, 0);
            var corrupt = new BlacklistStore(storage);
            Assert.AreEqual((int)BlacklistStatus.Corrupt, (int)corrupt.Open());
            Assert.AreEqual((int)BlacklistOutcome.Unavailable, (int)corrupt.LookupCard(Lost, 0, 7).Outcome);
        }

        private static BlacklistStore Installed(MemoryStorage storage)
        {
            var store = new BlacklistStore(storage);
            store.Open();
            var listing = new BlacklistChanges();
            listing.ListCard(Lost, 0, 7, 9);
            listing.ListCard(Stolen, 0, 4, 4);
            Assert.AreEqual((int)BlacklistStatus.Ok, (int)store.LoadSnapshot(1, listing));
            return store;
        }
    }
}
