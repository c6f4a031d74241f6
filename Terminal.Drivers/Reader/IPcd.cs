namespace Terminal.Drivers.Reader
{
    /// <summary>
    /// A proximity coupling device: the reader chip as the ISO 14443A and MIFARE layers
    /// see it. The MFRC522 driver implements it; nothing above it touches registers.
    /// </summary>
    public interface IPcd
    {
        /// <summary>
        /// Sends <see cref="PcdExchange.Tx"/> and receives the answer. A timed-out or failed
        /// exchange leaves the chip idle and ready for the next one.
        /// </summary>
        ReaderStatus Transceive(PcdExchange exchange);

        /// <summary>
        /// MIFARE Classic three-pass authentication (MFAuthent). <paramref name="keyCommand"/> is
        /// 0x60 (key A) or 0x61 (key B); <paramref name="uid"/> holds the 4 bytes Crypto1 uses
        /// (the last 4 of a 7-byte UID) from <paramref name="uidOffset"/>.
        /// </summary>
        ReaderStatus Authenticate(byte keyCommand, byte block, byte[] key, int keyOffset, byte[] uid, int uidOffset);

        /// <summary>Leaves the encrypted session, so that the next REQA/WUPA goes out in clear.</summary>
        void StopCrypto1();
    }
}
