using nanoFramework.TestFramework;
using Terminal.Firmware.Binary;
using Terminal.Firmware.Journal;

namespace Terminal.NanoTests
{
    /// <summary>The journal record of docs/protocol.md ("Example") and the check values of its two CRCs, on the interpreter.</summary>
    [TestClass]
    public class RecordCodecTests
    {
        private const string DocumentedTap = "11 2a 00 00 00 00 81 24 69 75 04 a1 b2 c3 d4 e5 f6 00 00 00 fa 00 88 ff ff 34 12 34 12 c3 63 d9";

        [TestMethod]
        public void TheDocumentedCardTapEncodesToItsBytes()
        {
            var record = DocumentedRecord();
            var buffer = new byte[TxRecordCodec.Size];
            Assert.AreEqual((int)RecordStatus.Ok, (int)TxRecordCodec.Encode(record, buffer, 0));
            Assert.AreEqual(Hex.Of(Hex.Bytes(DocumentedTap), 0, TxRecordCodec.Size), Hex.Of(buffer, 0, TxRecordCodec.Size));
        }

        [TestMethod]
        public void TheDocumentedBytesDecodeToTheTap()
        {
            var record = new TxRecord();
            Assert.AreEqual((int)RecordStatus.Ok, (int)TxRecordCodec.Decode(Hex.Bytes(DocumentedTap), 0, record));
            Assert.AreEqual((int)TxKind.CardTapAccepted, (int)record.Kind);
            Assert.AreEqual(42u, record.Sequence);
            Assert.AreEqual(1764000000u, record.Timestamp);
            Assert.AreEqual(250, record.Amount);
            Assert.AreEqual(-120, record.BalanceAfter);
            Assert.AreEqual(0x1234, record.CardCounter);
            Assert.AreEqual(3, record.OriginZone);
            Assert.AreEqual(12, record.DestinationZone);
            Assert.AreEqual("04a1b2c3d4e5f6", Hex.Of(record.Uid, 0, record.UidLength));
        }

        [TestMethod]
        public void AFlippedBitFailsTheCrc()
        {
            var bytes = Hex.Bytes(DocumentedTap);
            bytes[20] ^= 0x01;
            Assert.AreEqual((int)RecordStatus.BadCrc, (int)TxRecordCodec.Decode(bytes, 0, new TxRecord()));
        }

        [TestMethod]
        public void TheCrcsHaveTheirCatalogueCheckValues()
        {
            var digits = Hex.Ascii("123456789");
            Assert.AreEqual(0x29B1, Crc16Ccitt.Compute(digits, 0, digits.Length));
            Assert.AreEqual(0xCBF43926u, Crc32.Compute(digits, 0, digits.Length));
        }

        private static TxRecord DocumentedRecord()
        {
            var record = new TxRecord();
            record.Kind = TxKind.CardTapAccepted;
            record.Sequence = 42;
            record.Timestamp = 1764000000;
            record.SetCard(Hex.Bytes("04a1b2c3d4e5f6"), 0, 7);
            record.Product = 5;
            record.Concession = 3;
            record.Amount = 250;
            record.BalanceAfter = -120;
            record.CardCounter = 0x1234;
            record.Route = 0x1234;
            record.OriginZone = 3;
            record.DestinationZone = 12;
            return record;
        }
    }
}
