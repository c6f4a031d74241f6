using Terminal.Firmware.Fares;

namespace Terminal.Firmware.Card
{
    /// <summary>
    /// One purse copy in two 16-byte blocks (docs/card-format.md), little-endian: balance int24 |
    /// counter u16 | last boarding u32 | journey start u16 (seconds before the last boarding) |
    /// journey fare u16 | service day u16 | charged today u16 | last route u16 | last zone u8 |
    /// transfers u8 | last terminal u32 | load tag u8 | MAC 6 bytes.
    /// </summary>
    public sealed class PurseCodec
    {
        public const byte MacLabel = (byte)'P';
        public const int PayloadSize = 26;
        public const int MacSize = 6;
        public const int MinBalance = -(1 << 23);
        public const int MaxBalance = (1 << 23) - 1;
        public const long MaxTimeOffset = 0xFFFFFFFFL;

        /// <summary>Stored instead of a journey start too far back to matter: no transfer window is that long.</summary>
        public const int NoJourney = 0xFFFF;

        private readonly CardMac _mac;

        public PurseCodec(CardMac mac)
        {
            _mac = mac;
        }

        /// <summary>Writes the sealed copy (32 bytes); OutOfRange, and nothing written, when a field does not fit.</summary>
        public CardRecordStatus Encode(PurseState purse, CardKeys keys, byte[] uid, int uidLength, byte[] copy, int offset)
        {
            TripState trip = purse.Trip;
            long boarding = trip.LastBoardingTime == 0 ? 0 : trip.LastBoardingTime - CardLayout.EpochUnixSeconds;
            if (trip.Balance < MinBalance || trip.Balance > MaxBalance
                || purse.Counter < 0 || purse.Counter > 0xFFFF
                || boarding < 0 || boarding > MaxTimeOffset
                || !IsU16(trip.JourneyFare) || !IsU16(trip.ServiceDay) || !IsU16(trip.ChargedToday)
                || !IsU16(trip.LastRouteId) || trip.LastZone < 0 || trip.LastZone > 0xFF
                || trip.TransfersUsed < 0 || trip.TransfersUsed > 0xFF
                || purse.LoadTag < 0 || purse.LoadTag > 0xFF)
            {
                return CardRecordStatus.OutOfRange;
            }

            long journeyAge = trip.LastBoardingTime - trip.JourneyStartTime;
            int journey = trip.JourneyStartTime == 0 || journeyAge < 0 || journeyAge >= NoJourney ? NoJourney : (int)journeyAge;
            Put(copy, offset, trip.Balance & 0xFFFFFF, 3);
            Put(copy, offset + 3, purse.Counter, 2);
            Put(copy, offset + 5, boarding, 4);
            Put(copy, offset + 9, journey, 2);
            Put(copy, offset + 11, trip.JourneyFare, 2);
            Put(copy, offset + 13, trip.ServiceDay, 2);
            Put(copy, offset + 15, trip.ChargedToday, 2);
            Put(copy, offset + 17, trip.LastRouteId, 2);
            copy[offset + 19] = (byte)trip.LastZone;
            copy[offset + 20] = (byte)trip.TransfersUsed;
            // All 32 bits of the terminal id, as Decode reads them back: ids from 2^31 up are negative ints here.
            Put(copy, offset + 21, trip.LastTerminalId, 4);
            copy[offset + 25] = (byte)purse.LoadTag;
            _mac.Seal(MacLabel, keys, uid, uidLength, copy, offset, PayloadSize, MacSize);
            return CardRecordStatus.Ok;
        }

        /// <summary>Decodes a copy into <paramref name="purse"/>; its card type is left as it was.</summary>
        public CardRecordStatus Decode(byte[] copy, int offset, CardKeys keys, byte[] uid, int uidLength, PurseState purse)
        {
            if (IsBlank(copy, offset))
            {
                return CardRecordStatus.Blank;
            }

            if (!_mac.Verify(MacLabel, keys, uid, uidLength, copy, offset, PayloadSize, MacSize))
            {
                return CardRecordStatus.BadMac;
            }

            TripState trip = purse.Trip;
            trip.Balance = ((int)Get(copy, offset, 3) << 8) >> 8;
            purse.Counter = (int)Get(copy, offset + 3, 2);
            long boarding = Get(copy, offset + 5, 4);
            trip.LastBoardingTime = boarding == 0 ? 0 : CardLayout.EpochUnixSeconds + boarding;
            int journey = (int)Get(copy, offset + 9, 2);
            trip.JourneyStartTime = journey == NoJourney ? 0 : trip.LastBoardingTime - journey;
            trip.JourneyFare = (int)Get(copy, offset + 11, 2);
            trip.ServiceDay = (int)Get(copy, offset + 13, 2);
            trip.ChargedToday = (int)Get(copy, offset + 15, 2);
            trip.LastRouteId = (int)Get(copy, offset + 17, 2);
            trip.LastZone = copy[offset + 19];
            trip.TransfersUsed = copy[offset + 20];
            trip.LastTerminalId = (int)Get(copy, offset + 21, 4);
            purse.LoadTag = copy[offset + 25];
            return CardRecordStatus.Ok;
        }

        private static bool IsU16(int value)
        {
            return value >= 0 && value <= 0xFFFF;
        }

        private static void Put(byte[] buffer, int offset, long value, int count)
        {
            for (int i = 0; i < count; i++)
            {
                buffer[offset + i] = (byte)(value >> (8 * i));
            }
        }

        private static long Get(byte[] buffer, int offset, int count)
        {
            long value = 0;
            for (int i = count - 1; i >= 0; i--)
            {
                value = (value << 8) | buffer[offset + i];
            }

            return value;
        }

        private static bool IsBlank(byte[] copy, int offset)
        {
            for (int i = 0; i < CardLayout.PurseSize; i++)
            {
                if (copy[offset + i] != 0)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
