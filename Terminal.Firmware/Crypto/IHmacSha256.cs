namespace Terminal.Firmware.Crypto
{
    /// <summary>
    /// HMAC-SHA256 (RFC 2104) as a board service, one whole message per call: the tap path's only hashing (card key
    /// derivation and the card records' MACs). The host and nanoCLR use <see cref="ManagedHmacSha256"/>; the ESP32 board
    /// hands in nanoFramework's native HMACSHA256 (mbedTLS), which is hundreds of times cheaper than interpreted SHA-256.
    /// </summary>
    public interface IHmacSha256
    {
        /// <summary>Writes the 32-byte MAC of the message under the key at <paramref name="macOffset"/>.</summary>
        void Mac(byte[] key, int keyOffset, int keyCount, byte[] message, int messageOffset, int messageCount, byte[] mac, int macOffset);
    }
}
