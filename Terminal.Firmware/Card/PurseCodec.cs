namespace Terminal.Firmware.Card
{
    /// <summary>
    /// One purse copy in one 16-byte block (docs/card-format.md):
    /// balance int24 | counter u8 | time u32 (30 bits seconds since 2025, 2 bits transfers) |
    /// terminal tag u16 | charged today u16 | MAC 4 bytes. Little-endian.
    /// </summary>
    public sealed class PurseCodec
    {
        public const byte MacLabel = (byte)'P';
        public const int PayloadSize = 12;
        public const int MacSize = 4;
        public const int MinBalance = -(1 << 23);
        public const int MaxBalance = (1 << 23) - 1;
        public const long MaxTimeOffset = (1L << 30) - 1;
        public const int MaxTransfers = 3;

        private readonly CardMac _mac;

        public PurseCodec(CardMac mac)
        {
            _mac = mac;
        }

        /// <summary>Writes the sealed block; OutOfRange (and nothing written) when a field does not fit.</summary>
        public CardRecordStatus Encode(PurseState state, CardKeys keys, byte[] uid, int uidLength, byte[] block, int offset)
        {
            long time = state.LastTapUnixSeconds == 0 ? 0 : state.LastTapUnixSeconds - CardLayout.EpochUnixSeconds;
            if (state.Balance < MinBalance || state.Balance > MaxBalance
                || state.Counter < 0 || state.Counter > 0xFF
                || time < 0 || time > MaxTimeOffset
                || state.TransfersUsed < 0 || state.TransfersUsed > MaxTransfers
                || state.LastTerminalTag < 0 || state.LastTerminalTag > 0xFFFF
                || state.ChargedToday < 0 || state.ChargedToday > 0xFFFF)
            {
                return CardRecordStatus.OutOfRange;
            }

            int balance = state.Balance & 0xFFFFFF;
            block[offset] = (byte)balance;
            block[offset + 1] = (byte)(balance >> 8);
            block[offset + 2] = (byte)(balance >> 16);
            block[offset + 3] = (byte)state.Counter;
            long packed = time | ((long)state.TransfersUsed << 30);
            block[offset + 4] = (byte)packed;
            block[offset + 5] = (byte)(packed >> 8);
            block[offset + 6] = (byte)(packed >> 16);
            block[offset + 7] = (byte)(packed >> 24);
            block[offset + 8] = (byte)state.LastTerminalTag;
            block[offset + 9] = (byte)(state.LastTerminalTag >> 8);
            block[offset + 10] = (byte)state.ChargedToday;
            block[offset + 11] = (byte)(state.ChargedToday >> 8);
            _mac.Seal(MacLabel, keys, uid, uidLength, block, offset, PayloadSize, MacSize);
            return CardRecordStatus.Ok;
        }

        public CardRecordStatus Decode(byte[] block, int offset, CardKeys keys, byte[] uid, int uidLength, PurseState state)
        {
            if (IsBlank(block, offset))
            {
                return CardRecordStatus.Blank;
            }

            if (!_mac.Verify(MacLabel, keys, uid, uidLength, block, offset, PayloadSize, MacSize))
            {
                return CardRecordStatus.BadMac;
            }

            int balance = block[offset] | (block[offset + 1] << 8) | (block[offset + 2] << 16);
            state.Balance = (balance << 8) >> 8;
            state.Counter = block[offset + 3];
            long packed = (long)(uint)(block[offset + 4] | (block[offset + 5] << 8) | (block[offset + 6] << 16) | (block[offset + 7] << 24));
            long time = packed & MaxTimeOffset;
            state.LastTapUnixSeconds = time == 0 ? 0 : CardLayout.EpochUnixSeconds + time;
            state.TransfersUsed = (int)(packed >> 30);
            state.LastTerminalTag = block[offset + 8] | (block[offset + 9] << 8);
            state.ChargedToday = block[offset + 10] | (block[offset + 11] << 8);
            return CardRecordStatus.Ok;
        }

        private static bool IsBlank(byte[] block, int offset)
        {
            for (int i = 0; i < CardLayout.BlockSize; i++)
            {
                if (block[offset + i] != 0)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
