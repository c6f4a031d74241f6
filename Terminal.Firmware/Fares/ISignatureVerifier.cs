namespace Terminal.Firmware.Fares
{
    /// <summary>
    /// Checks the backend's Ed25519 signature over a fare table. The key is chosen by the table's
    /// issuer key id, so keys can be rotated; an unknown key id verifies nothing.
    /// </summary>
    public interface ISignatureVerifier
    {
        bool Verify(byte[] data, int offset, int count, byte[] signature, int signatureOffset, int keyId);
    }
}
