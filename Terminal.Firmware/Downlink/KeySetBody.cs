using Terminal.Firmware.Binary;
using Terminal.Firmware.Crypto;

namespace Terminal.Firmware.Downlink
{
    /// <summary>
    /// The body of a keys message and of the terminal's key file: a count u8, then per key its id u16 and its
    /// 32-byte Ed25519 public key. Only public keys: card secrets never travel over MQTT (docs/protocol.md).
    /// </summary>
    public static class KeySetBody
    {
        public const int EntrySize = 2 + Ed25519PublicKey.Size;

        public static int LengthFor(int count)
        {
            return 1 + (count * EntrySize);
        }

        /// <summary>The number of keys, or -1 when the length does not match the count.</summary>
        public static int Count(byte[] buffer, int offset, int length)
        {
            if (length < 1 || length != LengthFor(buffer[offset]))
            {
                return -1;
            }

            return buffer[offset];
        }

        public static int KeyIdAt(byte[] buffer, int offset, int index)
        {
            return LittleEndian.ReadUInt16(buffer, offset + 1 + (index * EntrySize));
        }

        /// <summary>Where the 32 key bytes of entry <paramref name="index"/> start.</summary>
        public static int KeyOffset(int offset, int index)
        {
            return offset + 1 + (index * EntrySize) + 2;
        }

        /// <summary>Writes the set; returns the offset after it, or -1 for more than 255 keys, a bad id or key, or a short buffer.</summary>
        public static int Write(int[] keyIds, byte[][] keys, byte[] buffer, int offset)
        {
            int count = keyIds.Length;
            if (count > 255 || keys.Length != count || offset < 0 || buffer.Length - offset < LengthFor(count))
            {
                return -1;
            }

            buffer[offset] = (byte)count;
            for (int i = 0; i < count; i++)
            {
                if (keyIds[i] < 0 || keyIds[i] > 0xFFFF || keys[i].Length != Ed25519PublicKey.Size)
                {
                    return -1;
                }

                LittleEndian.WriteUInt16(buffer, offset + 1 + (i * EntrySize), keyIds[i]);
                System.Array.Copy(keys[i], 0, buffer, KeyOffset(offset, i), Ed25519PublicKey.Size);
            }

            return offset + LengthFor(count);
        }
    }
}
