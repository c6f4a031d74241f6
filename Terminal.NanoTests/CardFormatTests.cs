using nanoFramework.TestFramework;
using Terminal.Firmware.Card;
using Terminal.Firmware.Crypto;

namespace Terminal.NanoTests
{
    /// <summary>The card's MAC primitive against RFC 4231, and a purse copy sealed, read back and refused once edited.</summary>
    [TestClass]
    public class CardFormatTests
    {
        private static readonly byte[] Uid = Hex.Bytes("04a1b2c3d4e5f6");

        [TestMethod]
        public void HmacSha256HasRfc4231TestCase2sAnswer()
        {
            var mac = new HmacSha256(Hex.Ascii("Jefe"), 0, 4);
            var message = Hex.Ascii("what do ya want for nothing?");
            mac.Update(message, 0, message.Length);
            var output = new byte[HmacSha256.MacSize];
            mac.Final(output, 0);
            Assert.AreEqual("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", Hex.Of(output, 0, output.Length));
        }

        [TestMethod]
        public void ASealedPurseReadsBackWithItsBalanceAndCounter()
        {
            var keys = Keys();
            var codec = new PurseCodec(new CardMac());
            var copy = new byte[16 * 2];
            Assert.AreEqual((int)CardRecordStatus.Ok, (int)codec.Encode(Purse(), keys, Uid, 7, copy, 0));
            var read = new PurseState();
            Assert.AreEqual((int)CardRecordStatus.Ok, (int)codec.Decode(copy, 0, keys, Uid, 7, read));
            Assert.AreEqual(750, read.Trip.Balance);
            Assert.AreEqual(12, read.Counter);
            Assert.AreEqual(40, read.Trip.ChargedToday);
        }

        [TestMethod]
        public void AnEditedBalanceOrAnotherCardsCopyIsRefused()
        {
            var keys = Keys();
            var codec = new PurseCodec(new CardMac());
            var copy = new byte[16 * 2];
            codec.Encode(Purse(), keys, Uid, 7, copy, 0);
            copy[3] ^= 0x40;
            Assert.AreEqual((int)CardRecordStatus.BadMac, (int)codec.Decode(copy, 0, keys, Uid, 7, new PurseState()));

            copy[3] ^= 0x40;
            var other = Hex.Bytes("04112233445566");
            Assert.AreEqual((int)CardRecordStatus.BadMac, (int)codec.Decode(copy, 0, keys, other, 7, new PurseState()));
        }

        private static PurseState Purse()
        {
            var purse = new PurseState();
            purse.Trip.Balance = 750;
            purse.Trip.ChargedToday = 40;
            purse.Counter = 12;
            return purse;
        }

        private static CardKeys Keys()
        {
            var keys = new CardKeys();
            new CardKeyring(Hex.Bytes("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"), Hex.Bytes("202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f")).Derive(Uid, 7, keys);
            return keys;
        }
    }
}
