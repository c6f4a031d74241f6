using System;
using Terminal.Firmware.Crypto;

namespace Terminal.NanoReplay.Replay
{
    /// <summary>
    /// Counts the firmware's HMAC-SHA256 calls and the time spent in them, so that the bench can say what a tap costs
    /// with the ESP32's native HMAC in place of the interpreted one (each native call costs about 0.1 us here).
    /// </summary>
    public sealed class MeteredHmacSha256 : IHmacSha256
    {
        private readonly IHmacSha256 _inner;

        public MeteredHmacSha256(IHmacSha256 inner)
        {
            _inner = inner;
        }

        public int Calls { get; private set; }

        /// <summary>100 ns ticks spent inside the calls.</summary>
        public long Ticks { get; private set; }

        public void Mac(byte[] key, int keyOffset, int keyCount, byte[] message, int messageOffset, int messageCount, byte[] mac, int macOffset)
        {
            long started = DateTime.UtcNow.Ticks;
            _inner.Mac(key, keyOffset, keyCount, message, messageOffset, messageCount, mac, macOffset);
            Ticks += DateTime.UtcNow.Ticks - started;
            Calls++;
        }
    }
}
