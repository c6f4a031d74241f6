using System.Device.Gpio;
using nanoFramework.Hardware.Esp32;
using Terminal.Drivers.Hal;
using Terminal.Drivers.Indicators;
using Terminal.Drivers.Storage;
using Terminal.Firmware.Composition;
using Terminal.Firmware.Downlink;
using Terminal.Firmware.Journal;
using Terminal.Firmware.Tap;

namespace Terminal.Firmware.Device.Board
{
    /// <summary>The ESP32 board: assigns the pins and fills <see cref="TerminalBoard"/> with the nanoFramework adapters.</summary>
    public sealed class Esp32Board : TerminalBoard
    {
        public Esp32Board()
        {
            Configuration.SetPinFunction(Pins.ScannerRx, DeviceFunction.COM2_RX);
            Configuration.SetPinFunction(Pins.ScannerTx, DeviceFunction.COM2_TX);
            Configuration.SetPinFunction(Pins.I2cData, DeviceFunction.I2C1_DATA);
            Configuration.SetPinFunction(Pins.I2cClock, DeviceFunction.I2C1_CLOCK);
            var gpio = new GpioController();
            var clock = new Esp32Clock();
            Clock = clock;
            NetworkClock = clock;
            ClockSetter = clock;
            Storage = new AtomicReplaceStorage(new LittleFsFileSystem());
            var display = new Hd44780Display(new Esp32I2cDevice(Pins.I2cBus, Pins.DisplayAddress), clock, 2, 16);
            display.Init();
            Display = display;
            GreenLed = new GpioOutput(gpio, Pins.GreenLed);
            RedLed = new GpioOutput(gpio, Pins.RedLed);
            AmberLed = new GpioOutput(gpio, Pins.AmberLed);
            Buzzer = new GpioOutput(gpio, Pins.Buzzer);
            ReaderBus = new Esp32SpiDevice(Pins.SpiBus, gpio.OpenPin(Pins.ReaderChipSelect, PinMode.Output), Pins.SpiClockHz);
            ScannerPort = new UartSerialPort(Pins.ScannerPort, Pins.ScannerBaud);
            Hashing = new NativeHmacSha256();
        }

        /// <summary>The MQTT link from "network.cfg", with the offline status as its retained last will; none without the file.</summary>
        public override IUplink OpenUplink(uint terminalId)
        {
            var network = new NetworkProvisioning();
            if (network.Load(Storage) != ProvisioningStatus.Ok)
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
