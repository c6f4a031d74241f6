using nanoFramework.TestFramework;
using Terminal.Firmware.Sync;

namespace Terminal.NanoTests
{
    /// <summary>The device link's inbox on the interpreter: order kept, a full inbox reports each message it lost.</summary>
    [TestClass]
    public class UplinkInboxTests
    {
        [TestMethod]
        public void AFullInboxKeepsTheOrderAndReportsTheMessageItLost()
        {
            var inbox = new UplinkInbox();
            for (int i = 0; i < UplinkInbox.Capacity; i++)
            {
                Assert.IsTrue(inbox.Offer("t/ack", new byte[] { (byte)i }));
            }

            Assert.IsFalse(inbox.Offer("t/ack", new byte[] { 99 }));

            var topic = new byte[8];
            var payload = new byte[4];
            int topicLength;
            for (int i = 0; i < UplinkInbox.Capacity; i++)
            {
                Assert.AreEqual(1, inbox.Take(topic, out topicLength, payload));
                Assert.AreEqual((byte)i, payload[0]);
                Assert.AreEqual(5, topicLength);
            }

            Assert.AreEqual(-2, inbox.Take(topic, out topicLength, payload));
            Assert.AreEqual(-1, inbox.Take(topic, out topicLength, payload));
            Assert.AreEqual(1, inbox.Lost);
        }
    }
}
