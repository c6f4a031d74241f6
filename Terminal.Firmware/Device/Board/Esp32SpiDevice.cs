using System;
using System.Device.Gpio;
using System.Device.Spi;
using Terminal.Drivers.Hal;

namespace Terminal.Firmware.Device.Board
{
    /// <summary>
    /// The MFRC522 on SPI1 (mode 0, full duplex) with its chip select driven by a GPIO (docs/hardware.md):
    /// one Transfer is one chip-select-low period.
    /// </summary>
    public sealed class Esp32SpiDevice : ISpiDevice
    {
        private readonly SpiDevice _device;
        private readonly GpioPin _chipSelect;

        public Esp32SpiDevice(int busId, GpioPin chipSelect, int clockHz)
        {
            _chipSelect = chipSelect;
            _chipSelect.Write(PinValue.High);
            var settings = new SpiConnectionSettings(busId, -1)
            {
                ClockFrequency = clockHz,
                Mode = SpiMode.Mode0,
                DataFlow = DataFlow.MsbFirst,
                Configuration = SpiBusConfiguration.FullDuplex,
            };
            _device = SpiDevice.Create(settings);
        }

        public void Transfer(byte[] write, int writeOffset, byte[] read, int readOffset, int count)
        {
            _chipSelect.Write(PinValue.Low);
            _device.TransferFullDuplex(new SpanByte(write, writeOffset, count), new SpanByte(read, readOffset, count));
            _chipSelect.Write(PinValue.High);
        }
    }
}
