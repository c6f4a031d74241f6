namespace Terminal.Drivers.Mifare
{
    /// <summary>Which sector key to authenticate with; the value is the AUTH command code.</summary>
    public enum MifareKeyType
    {
        A = 0x60,
        B = 0x61,
    }
}
