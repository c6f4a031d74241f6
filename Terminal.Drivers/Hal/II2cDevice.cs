namespace Terminal.Drivers.Hal
{
    /// <summary>One device on an I2C bus, write-only as the display backpack needs it.</summary>
    public interface II2cDevice
    {
        void Write(byte[] buffer, int offset, int count);
    }
}
