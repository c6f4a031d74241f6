namespace Terminal.Drivers.Hal
{
    /// <summary>
    /// One chip on an SPI bus. A call is one chip-select-low period: the board
    /// clocks out <paramref name="count"/> bytes and keeps what came back, so a
    /// register burst costs one call, not one per byte.
    /// </summary>
    public interface ISpiDevice
    {
        void Transfer(byte[] write, int writeOffset, byte[] read, int readOffset, int count);
    }
}
