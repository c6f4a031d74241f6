namespace Terminal.Firmware.Device.Board
{
    /// <summary>The pin map of docs/hardware.md, in one place.</summary>
    public static class Pins
    {
        public const int SpiBus = 1;
        public const int SpiMosi = 23;
        public const int SpiMiso = 25;
        public const int SpiClock = 19;
        public const int ReaderChipSelect = 26;
        public const int ReaderReset = 27;
        public const int SpiClockHz = 5000000;

        public const string ScannerPort = "COM2";
        public const int ScannerRx = 32;
        public const int ScannerTx = 33;
        public const int ScannerBaud = 115200;

        public const int I2cBus = 1;
        public const int I2cData = 21;
        public const int I2cClock = 22;
        public const int DisplayAddress = 0x27;

        public const int GreenLed = 13;
        public const int RedLed = 14;
        public const int AmberLed = 18;
        public const int Buzzer = 4;
    }
}
