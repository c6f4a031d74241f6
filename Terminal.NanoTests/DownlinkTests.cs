using nanoFramework.TestFramework;
using Terminal.Firmware.Blacklist;
using Terminal.Firmware.Composition;
using Terminal.Firmware.Crypto;
using Terminal.Firmware.Downlink;
using Terminal.Firmware.Fares;
using Terminal.Firmware.Journal;
using Terminal.Firmware.Loads;
using Terminal.Firmware.Qr;
using Terminal.Firmware.Tap;

namespace Terminal.NanoTests
{
    /// <summary>
    /// A signed blacklist snapshot for terminal 17 (version 5: UID 04A1B2C3D4E5F6 reason 9, UID 1A2B3C4D reason 4),
    /// laid out as docs/protocol.md's downlink and signed with RFC 8032 section 7.1 TEST 1's key as key id 1:
    /// applied once, refused when altered or addressed to another terminal, stale when shown again.
    /// </summary>
    [TestClass]
    public class DownlinkTests
    {
        private const string Rfc8032TestKey1Public = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";

        private const string Snapshot =
            "0103000011000000000000000500000000b95569000000001300000002000000010904a1b2c3d4e5f600041a2b3c4d0100"
            + "bcfe40c33e9e526911dbfa2c04e3a083c66e0eb242bc86c8050b7c4b23f161f6a45a12da4600bfb37735a72a5329097a"
            + "1077e21438691ba991b5f6fd1c462a08";

        [TestMethod]
        public void TheSignedSnapshotIsAppliedAndJournaled()
        {
            var terminal = new Rig(17);
            var message = Hex.Bytes(Snapshot);
            Assert.AreEqual((int)DownlinkStatus.Applied, (int)terminal.Stack.Agent.Handle(message, 0, message.Length));
            Assert.AreEqual(5u, terminal.Blacklist.Version);
            Assert.AreEqual(9, (int)terminal.Blacklist.LookupCard(Hex.Bytes("04a1b2c3d4e5f6"), 0, 7).Reason);
            Assert.AreEqual(4, (int)terminal.Blacklist.LookupCard(Hex.Bytes("1a2b3c4d"), 0, 4).Reason);
            var record = new TxRecord();
            var buffer = new byte[TxRecordCodec.Size];
            Assert.AreEqual(1, terminal.Journal.ReadBatch(terminal.Journal.LastSequence, buffer, 0, 1));
            TxRecordCodec.Decode(buffer, 0, record);
            Assert.AreEqual((int)TerminalEventCode.BlacklistActivated, record.EventCode);
            Assert.AreEqual(5u, record.EventValue);
        }

        [TestMethod]
        public void ShownAgainItIsStale()
        {
            var terminal = new Rig(17);
            var message = Hex.Bytes(Snapshot);
            terminal.Stack.Agent.Handle(message, 0, message.Length);
            Assert.AreEqual((int)DownlinkStatus.Stale, (int)terminal.Stack.Agent.Handle(message, 0, message.Length));
        }

        [TestMethod]
        public void AnAlteredReasonFailsTheSignatureAndChangesNothing()
        {
            var terminal = new Rig(17);
            var message = Hex.Bytes(Snapshot);
            message[33] = 8;
            Assert.AreEqual((int)DownlinkStatus.BadSignature, (int)terminal.Stack.Agent.Handle(message, 0, message.Length));
            Assert.AreEqual(0u, terminal.Blacklist.Version);
            Assert.AreEqual((int)BlacklistStatus.Empty, (int)terminal.Blacklist.Status);
        }

        [TestMethod]
        public void AnotherTerminalRefusesIt()
        {
            var terminal = new Rig(18);
            var message = Hex.Bytes(Snapshot);
            Assert.AreEqual((int)DownlinkStatus.WrongTerminal, (int)terminal.Stack.Agent.Handle(message, 0, message.Length));
        }

        /// <summary>The parts of a terminal a downlink message reaches, over in-memory storage.</summary>
        private sealed class Rig
        {
            public Rig(int terminalId)
            {
                var storage = new MemoryStorage();
                var clock = new FixedClock(1767225700);
                Journal = new Journal(storage);
                Journal.Open();
                Blacklist = new BlacklistStore(storage);
                Blacklist.Open();
                var verifier = new Ed25519Verifier();
                var keys = new QrKeyRing(verifier, 4);
                Assert.IsTrue(keys.TryAdd(1, Hex.Bytes(Rfc8032TestKey1Public), 0));
                var loads = new PendingLoadList(storage);
                loads.Open();
                var fares = new FareTableStore(new KeyRingSignatureVerifier(keys, verifier));
                var config = new TerminalConfig();
                config.TerminalId = terminalId;
                config.RouteId = 10;
                Stack = new DownlinkStack(new NoUplink(), clock, clock, storage, Journal, Blacklist, loads, fares, keys, verifier, 1, 3, config, FirmwareInfo.Version);
            }

            public Journal Journal { get; }

            public BlacklistStore Blacklist { get; }

            public DownlinkStack Stack { get; }
        }
    }
}
