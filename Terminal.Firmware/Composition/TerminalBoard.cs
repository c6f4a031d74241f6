using Terminal.Drivers.Hal;
using Terminal.Firmware.Crypto;
using Terminal.Firmware.Downlink;

namespace Terminal.Firmware.Composition
{
    /// <summary>
    /// What a board supplies to <see cref="TerminalFirmware"/>: the reader chip's SPI bus, the scanner's serial port, the
    /// LEDs, buzzer and display, the flash drive, the clocks, the hashing and the network link. The ESP32 fills it with
    /// its nanoFramework adapters, the composition tests with the simulated hardware, the nanoCLR replay with recorded traffic.
    /// Every part is required unless its comment says otherwise.
    /// </summary>
    public class TerminalBoard
    {
        /// <summary>The MFRC522's SPI device.</summary>
        public ISpiDevice ReaderBus = null!;

        /// <summary>The QR scanner's UART.</summary>
        public ISerialPort ScannerPort = null!;

        public IDigitalOutput GreenLed = null!;

        public IDigitalOutput RedLed = null!;

        public IDigitalOutput AmberLed = null!;

        public IDigitalOutput Buzzer = null!;

        /// <summary>The text display, already initialised by the board.</summary>
        public ITextDisplay Display = null!;

        /// <summary>The flash drive: provisioning, journal, blacklist, fare tables, keys.</summary>
        public IStorage Storage = null!;

        /// <summary>The clock of taps and scans, the display's holds and the journal's times.</summary>
        public IClock Clock = null!;

        /// <summary>The clock of the sync and downlink agents (the same as <see cref="Clock"/> on a device).</summary>
        public IClock NetworkClock = null!;

        /// <summary>What the backend's time messages set.</summary>
        public ISettableClock ClockSetter = null!;

        /// <summary>HMAC-SHA256 of the card MACs: native on the ESP32, managed elsewhere.</summary>
        public IHmacSha256 Hashing = null!;

        /// <summary>The network link; none (null) means <see cref="NoUplink"/> unless <see cref="OpenUplink"/> is overridden.</summary>
        public IUplink? Uplink;

        /// <summary>Optional: a public key the board pins in the key ring beside the provisioned backend key (0 for none).</summary>
        public int PinnedKeyId;

        public byte[]? PinnedPublicKey;

        /// <summary>
        /// The link of the terminal <paramref name="terminalId"/>, asked once at boot after the provisioning file is read
        /// (a device needs the identity for its broker client id, topics and last will).
        /// </summary>
        public virtual IUplink OpenUplink(uint terminalId)
        {
            if (Uplink == null)
            {
                return new NoUplink();
            }

            return Uplink;
        }
    }
}
