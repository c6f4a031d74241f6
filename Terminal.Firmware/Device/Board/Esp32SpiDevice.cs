using System.Device.Spi;
using Terminal.Drivers.Hal;

namespace Terminal.Firmware.Device.Board
{
    /// <summary>The MFRC522 on SPI1 (mode 0, full duplex); one Transfer is one chip-select-low period.</summary>
    public sealed class Esp32SpiDevice : ISpiDevice
    {
        private readonly SpiDevice _device;

        public Esp32SpiDevice(int busId, int chipSelectPin, int clockHz)
        {
            var settings = new SpiConnectionSettings(busId, chipSelectPin)
            {
                ClockFrequency = clockHz,
                Mode = SpiMode.Mode0,
                DataFlow = DataFlow.MsbFirst,
                SharingMode = SpiSharingMode.Exclusive,
                Configuration = SpiBusConfiguration.FullDuplex,
            };
            _device = SpiDevice.Create(settings);
        }

        public void Transfer(byte[] write, int writeOffset, byte[] read, int readOffset, int count)
        {
            _device.TransferFullDuplex(new SpanByte(write, writeOffset, count), new SpanByte(read, readOffset, count));
        }
    }
}
