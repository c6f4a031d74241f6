using nanoFramework.TestFramework;
using Terminal.Drivers.Storage;

namespace Terminal.NanoTests
{
    /// <summary>The firmware's atomic replace on the interpreter: a replace leaves one file, a cut's leftovers are settled at first use.</summary>
    [TestClass]
    public class AtomicReplaceStorageTests
    {
        [TestMethod]
        public void AReplaceLeavesTheNewContentAndNoWorkingFile()
        {
            var drive = new MemoryStorage();
            var storage = new AtomicReplaceStorage(drive);
            storage.Replace("m", new byte[] { 1, 2, 3 }, 0, 3);
            storage.Replace("m", new byte[] { 9, 8 }, 0, 2);

            var buffer = new byte[4];
            Assert.AreEqual(2, storage.Read("m", 0, buffer, 0, 4));
            Assert.AreEqual((byte)9, buffer[0]);
            Assert.IsFalse(drive.Exists("m.tmp"));
            Assert.IsFalse(drive.Exists("m.new"));
        }

        [TestMethod]
        public void ACommittedCopyLeftByACutTakesThePlaceOfTheOldFile()
        {
            var drive = new MemoryStorage();
            drive.Create("m", new byte[] { 1, 2, 3 }, 0, 3);
            drive.Create("m.new", new byte[] { 7 }, 0, 1);

            var storage = new AtomicReplaceStorage(drive);
            Assert.AreEqual(1, storage.Length("m"));
            Assert.IsFalse(drive.Exists("m.new"));
        }

        [TestMethod]
        public void AnUncommittedCopyIsDeletedUnread()
        {
            var drive = new MemoryStorage();
            drive.Create("m.tmp", new byte[] { 7, 7 }, 0, 2);

            var storage = new AtomicReplaceStorage(drive);
            Assert.IsFalse(storage.Exists("m"));
            Assert.IsFalse(drive.Exists("m.tmp"));
        }
    }
}
