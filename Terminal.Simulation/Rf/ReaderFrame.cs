namespace Terminal.Simulation.Rf;

/// <summary>
/// A frame the reader puts on the air: <paramref name="Data"/> holds <paramref name="BitCount"/>
/// bits, least significant bit of each byte first, CRC_A bytes included when the reader
/// appended them. <paramref name="Encrypted"/> is true when the chip's Crypto1 unit was on
/// (Status2Reg.MFCrypto1On), i.e. the frame is only intelligible to the authenticated card.
/// </summary>
public sealed record ReaderFrame(byte[] Data, int BitCount, bool Encrypted)
{
    public bool IsShortFrame => BitCount == 7;

    public int ByteCount => (BitCount + 7) / 8;
}
