namespace Terminal.Drivers.Hal
{
    /// <summary>
    /// A small character display. Text arrives as UTF-8 bytes so that the tap
    /// path can reuse preallocated buffers instead of building strings.
    /// </summary>
    public interface ITextDisplay
    {
        int Rows { get; }

        int Columns { get; }

        void WriteRow(int row, byte[] utf8, int offset, int count);
    }
}
