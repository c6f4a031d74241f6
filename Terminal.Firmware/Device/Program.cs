using System;
using System.Device.Gpio;
using System.Threading;
using nanoFramework.Hardware.Esp32;
using Terminal.Drivers.Indicators;
using Terminal.Drivers.Iso14443;
using Terminal.Drivers.Mfrc522;
using Terminal.Drivers.Mifare;
using Terminal.Drivers.Reader;
using Terminal.Drivers.Scanner;
using Terminal.Firmware.Blacklist;
using Terminal.Firmware.Card;
using Terminal.Drivers.Hal;
using Terminal.Firmware.Crypto;
using Terminal.Firmware.Downlink;
using Terminal.Firmware.Fares;
using Terminal.Firmware.Journal;
using Terminal.Firmware.Loads;
using Terminal.Firmware.Qr;
using Terminal.Firmware.Sync;
using Terminal.Firmware.Tap;
using Terminal.Firmware.Device.Board;

namespace Terminal.Firmware.Device
{
    /// <summary>
    /// The ESP32 entry point: assigns pins, builds the board adapters, hands them to the host-tested firmware and
    /// runs its main loop. Nothing here decides anything a test could not reach.
    /// </summary>
    public static class Program
    {
        private const int PollIntervalMilliseconds = 20;
        private const int KeyRingCapacity = 4;

        /// <summary>The first line the terminal logs; the device build check waits for it on nanoCLR to know the whole image linked.</summary>
        public const string BootLine = "Terminal.Firmware boot";

        public static void Main()
        {
            Console.WriteLine(BootLine + " v" + FirmwareInfo.Version);
            Configuration.SetPinFunction(Pins.ScannerRx, DeviceFunction.COM2_RX);
            Configuration.SetPinFunction(Pins.ScannerTx, DeviceFunction.COM2_TX);
            Configuration.SetPinFunction(Pins.I2cData, DeviceFunction.I2C1_DATA);
            Configuration.SetPinFunction(Pins.I2cClock, DeviceFunction.I2C1_CLOCK);

            var gpio = new GpioController();
            var clock = new Esp32Clock();
            var storage = new LittleFsStorage();
            var messages = new MessageTable();
            BuiltInTranslations.AddTo(messages);
            var display = new Hd44780Display(new Esp32I2cDevice(Pins.I2cBus, Pins.DisplayAddress), clock, 2, 16);
            display.Init();
            var panel = new IndicatorPanel(
                new GpioOutput(gpio, Pins.GreenLed), new GpioOutput(gpio, Pins.RedLed), new GpioOutput(gpio, Pins.AmberLed),
                new GpioOutput(gpio, Pins.Buzzer), display, messages);

            var provisioning = new TerminalProvisioning();
            var pcd = new Mfrc522(new Esp32SpiDevice(Pins.SpiBus, gpio.OpenPin(Pins.ReaderChipSelect, PinMode.Output), Pins.SpiClockHz), clock);
            if (provisioning.Load(storage) != ProvisioningStatus.Ok || pcd.Init() != ReaderStatus.Ok)
            {
                panel.Show(TerminalStatus.OutOfService(), clock);
                Thread.Sleep(Timeout.Infinite);
            }

            var journal = new Journal.Journal(storage);
            journal.Open();
            var blacklist = new BlacklistStore(storage);
            blacklist.Open();
            var loads = new PendingLoadList(storage);
            loads.Open();
            var verifier = new Ed25519Verifier();
            var keys = new QrKeyRing(verifier, KeyRingCapacity);
            keys.TryAdd(provisioning.BackendKeyId, provisioning.BackendPublicKey, 0);
            var fares = new FareTableStore(new KeyRingSignatureVerifier(keys, verifier));
            var config = new TerminalConfig { TerminalId = provisioning.TerminalId, RouteId = provisioning.RouteId };
            uint terminalId = (uint)provisioning.TerminalId;
            var downlink = new DownlinkStack(
                Uplink(storage, terminalId), clock, clock, storage, journal, blacklist, loads, fares, keys, verifier,
                provisioning.BackendKeyId, KeyRingCapacity - 1, config, FirmwareInfo.Version);
            downlink.Restore();
            downlink.Events.Record(TerminalEventCode.Boot, FirmwareInfo.Version);
            var sync = new SyncAgent(downlink.Router, journal, clock, terminalId);
            var reader = new Iso14443aReader(pcd);
            var session = new CardSession(reader, new MifareClassic(pcd), new CardKeyring(provisioning.SectorKeyMaster, provisioning.MacMaster, new NativeHmacSha256()));
            var tap = new TapProcessor(reader, session, blacklist, loads, fares, journal, clock, config);
            tap.RecoverPendingWrite();
            var scanner = new QrScanner(new UartSerialPort(Pins.ScannerPort, Pins.ScannerBaud), clock, CodeTerminator.CarriageReturn);
            var tokens = new QrTokenVerifier(clock, keys, verifier, new UsedTokenSet(UsedTokenSet.TerminalCapacity));
            var qr = new QrScanProcessor(scanner, tokens, fares, journal, clock, config);
            var loop = new TerminalLoop(tap, qr, journal, fares, panel, messages, clock);
            while (true)
            {
                bool idle = loop.Step() == TapOutcome.NoCard;
                sync.Step();
                if (idle)
                {
                    // A downlink message may cost seconds of signature work: never while a passenger is at the reader.
                    downlink.Step();
                }

                Thread.Sleep(PollIntervalMilliseconds);
            }
        }

        /// <summary>The MQTT link from "network.cfg", with the offline status as its retained last will; none without the file.</summary>
        private static IUplink Uplink(LittleFsStorage storage, uint terminalId)
        {
            var network = new NetworkProvisioning();
            if (network.Load(storage) != ProvisioningStatus.Ok)
            {
                return new NoUplink();
            }

            Esp32Wifi.Join(network.WifiSsid, network.WifiPassword);
            var will = new byte[StatusCodec.MaxOfflineSize];
            int willLength = StatusCodec.EncodeOffline(terminalId, will, 0);
            return new M2MqttUplink(
                network.BrokerHost, network.BrokerPort, NetworkProvisioning.ClientId(terminalId), network.User, network.Password,
                DownlinkTopics.Status(terminalId), will, willLength,
                new string[] { UplinkTopics.Acks(terminalId), DownlinkTopics.Config(terminalId) });
        }
    }
}
