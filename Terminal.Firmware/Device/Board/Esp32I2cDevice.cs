using System;
using System.Device.I2c;
using Terminal.Drivers.Hal;

namespace Terminal.Firmware.Device.Board
{
    /// <summary>The display's PCF8574 backpack on I2C1 (pins moved to GPIO 21/22, docs/hardware.md).</summary>
    public sealed class Esp32I2cDevice : II2cDevice
    {
        private readonly I2cDevice _device;

        public Esp32I2cDevice(int busId, int address)
        {
            _device = I2cDevice.Create(new I2cConnectionSettings(busId, address, I2cBusSpeed.StandardMode));
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            _device.Write(new SpanByte(buffer, offset, count));
        }
    }
}
