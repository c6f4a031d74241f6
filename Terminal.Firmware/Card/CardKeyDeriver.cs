using Terminal.Firmware.Crypto;

namespace Terminal.Firmware.Card
{
    /// <summary>
    /// Diversifies a provisioned master secret into per-card keys: HMAC-SHA256(master, label ||
    /// UID length || UID), truncated to the key's size. A key read out of one card (Crypto1 falls in
    /// seconds) opens that card only; the master never leaves the terminal's key store.
    /// </summary>
    public sealed class CardKeyDeriver
    {
        public const byte SectorKeyALabel = (byte)'A';
        public const byte SectorKeyBLabel = (byte)'B';
        public const byte MacKeyLabel = (byte)'M';

        private readonly IHmacSha256 _hmac;
        private readonly byte[] _master;
        private readonly byte[] _input = new byte[2 + CardLayout.MaxUidLength];
        private readonly byte[] _output = new byte[HmacSha256.MacSize];

        public CardKeyDeriver(byte[] masterSecret, int offset, int count)
            : this(masterSecret, offset, count, new ManagedHmacSha256())
        {
        }

        /// <summary>A deriver whose HMACs run on <paramref name="hmac"/> (the board's native one on the device).</summary>
        public CardKeyDeriver(byte[] masterSecret, int offset, int count, IHmacSha256 hmac)
        {
            _hmac = hmac;
            _master = new byte[count];
            System.Array.Copy(masterSecret, offset, _master, 0, count);
        }

        /// <summary>Writes the <paramref name="keySize"/>-byte key for <paramref name="label"/> and this UID into <paramref name="key"/>.</summary>
        public void Derive(byte label, byte[] uid, int uidLength, byte[] key, int keySize)
        {
            _input[0] = label;
            _input[1] = (byte)uidLength;
            System.Array.Copy(uid, 0, _input, 2, uidLength);
            _hmac.Mac(_master, 0, _master.Length, _input, 0, 2 + uidLength, _output, 0);
            System.Array.Copy(_output, 0, key, 0, keySize);
        }
    }
}
