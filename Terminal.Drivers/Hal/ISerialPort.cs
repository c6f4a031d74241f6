namespace Terminal.Drivers.Hal
{
    /// <summary>
    /// A UART as the firmware sees it: bytes in, bytes out, never blocking.
    /// </summary>
    public interface ISerialPort
    {
        /// <summary>Copies up to <paramref name="count"/> received bytes and returns how many; 0 when none are waiting.</summary>
        int Read(byte[] buffer, int offset, int count);

        void Write(byte[] buffer, int offset, int count);
    }
}
