using System;
using System.Security.Cryptography;
using Terminal.Firmware.Crypto;

namespace Terminal.Firmware.Device.Board
{
    /// <summary>
    /// HMAC-SHA256 on the ESP32's mbedTLS through nanoFramework.System.Security.Cryptography: one native call instead of
    /// four interpreted SHA-256 compressions. The native API takes whole arrays, so a key or message that is part of
    /// a larger buffer is copied first (a few dozen bytes on the tap path).
    /// </summary>
    public sealed class NativeHmacSha256 : IHmacSha256
    {
        public void Mac(byte[] key, int keyOffset, int keyCount, byte[] message, int messageOffset, int messageCount, byte[] mac, int macOffset)
        {
            byte[] hash = HMACSHA256.HashData(Whole(key, keyOffset, keyCount), Whole(message, messageOffset, messageCount));
            Array.Copy(hash, 0, mac, macOffset, HmacSha256.MacSize);
        }

        private static byte[] Whole(byte[] buffer, int offset, int count)
        {
            if (offset == 0 && count == buffer.Length)
            {
                return buffer;
            }

            var copy = new byte[count];
            Array.Copy(buffer, offset, copy, 0, count);
            return copy;
        }
    }
}
