using Terminal.Firmware.Binary;

namespace Terminal.Firmware.Fares
{
    /// <summary>
    /// Reads the signed part of a fare table into a preallocated <see cref="FareTable"/>, checking
    /// every length before reading and every value against its range. It does not verify the
    /// signature (<see cref="FareTableStore"/> does) and leaves the target in an unspecified state
    /// when it refuses, which is why the store parses into a spare table.
    /// </summary>
    public static class FareTableParser
    {
        /// <summary>Parses <c>data[offset..offset+count)</c>, signature included, into <paramref name="table"/>.</summary>
        public static FareTableStatus Parse(byte[] data, int offset, int count, FareTable table)
        {
            if (data == null || offset < 0 || count < 0 || offset > data.Length - count)
            {
                return FareTableStatus.Truncated;
            }

            if (count < 2)
            {
                return FareTableStatus.Truncated;
            }

            if (data[offset] != FareTableFormat.Magic0 || data[offset + 1] != FareTableFormat.Magic1)
            {
                return FareTableStatus.BadMagic;
            }

            if (count < FareTableFormat.HeaderSize)
            {
                return FareTableStatus.Truncated;
            }

            if (data[offset + 2] != FareTableFormat.Version1)
            {
                return FareTableStatus.UnsupportedFormat;
            }

            int languages = data[offset + 31];
            int routes = LittleEndian.ReadUInt16(data, offset + 48);
            int zones = data[offset + 50];
            int concessions = data[offset + 51];
            int promotions = data[offset + 52];
            if (languages > FareTableFormat.MaxLanguages || routes > FareTableFormat.MaxRoutes || zones > FareTableFormat.MaxZones
                || concessions > FareTableFormat.CardTypeCount || promotions > FareTableFormat.MaxPromotions)
            {
                return FareTableStatus.CapacityExceeded;
            }

            int expected = FareTableFormat.SignedLength(languages, routes, zones, concessions, promotions) + FareTableFormat.SignatureSize;
            if (count < expected)
            {
                return FareTableStatus.Truncated;
            }

            if (count > expected)
            {
                return FareTableStatus.LengthMismatch;
            }

            if (!ReadHeader(data, offset, table))
            {
                return FareTableStatus.InvalidValue;
            }

            int at = offset + FareTableFormat.HeaderSize;
            if (!ReadLanguages(data, at, languages, table))
            {
                return FareTableStatus.InvalidValue;
            }

            at += languages * FareTableFormat.LanguageSize;
            table.ZoneCount = zones;
            if (!ReadRoutes(data, at, routes, table))
            {
                return FareTableStatus.InvalidValue;
            }

            at += routes * FareTableFormat.RouteSize;
            if (!ReadZoneFares(data, at, zones * zones, table))
            {
                return FareTableStatus.InvalidValue;
            }

            at += zones * zones * FareTableFormat.ZoneFareSize;
            if (!ReadConcessions(data, at, concessions, table))
            {
                return FareTableStatus.InvalidValue;
            }

            at += concessions * FareTableFormat.ConcessionSize;
            if (!ReadPromotions(data, at, promotions, table))
            {
                return FareTableStatus.InvalidValue;
            }

            return FareTableStatus.Loaded;
        }

        private static bool ReadHeader(byte[] data, int offset, FareTable table)
        {
            table.Version = LittleEndian.ReadUInt32(data, offset + 4);
            table.ValidFrom = LittleEndian.ReadInt64(data, offset + 8);
            table.ValidUntil = LittleEndian.ReadInt64(data, offset + 16);
            table.IssuerKeyId = LittleEndian.ReadUInt16(data, offset + 24);
            table.UtcOffsetMinutes = LittleEndian.ReadInt16(data, offset + 26);
            table.ServiceDayStartMinutes = LittleEndian.ReadUInt16(data, offset + 28);
            table.MaxTransfers = data[offset + 30];
            uint transferWindow = LittleEndian.ReadUInt32(data, offset + 32);
            uint passback = LittleEndian.ReadUInt32(data, offset + 36);
            table.OverdraftMinBalance = LittleEndian.ReadInt32(data, offset + 40);
            table.OverdraftLimit = LittleEndian.ReadInt32(data, offset + 44);

            if (data[offset + 3] != 0 || data[offset + 53] != 0 || data[offset + 54] != 0 || data[offset + 55] != 0)
            {
                return false;
            }

            if (table.ValidUntil != 0 && table.ValidUntil <= table.ValidFrom)
            {
                return false;
            }

            if (table.UtcOffsetMinutes < FareTableFormat.MinUtcOffsetMinutes || table.UtcOffsetMinutes > FareTableFormat.MaxUtcOffsetMinutes
                || table.ServiceDayStartMinutes >= FareTableFormat.MinutesPerDay)
            {
                return false;
            }

            if (transferWindow > FareTableFormat.MaxWindowSeconds || passback > FareTableFormat.MaxWindowSeconds)
            {
                return false;
            }

            table.TransferWindowSeconds = (int)transferWindow;
            table.PassbackSeconds = (int)passback;
            return IsAmount(table.OverdraftMinBalance) && IsAmount(table.OverdraftLimit);
        }

        private static bool ReadLanguages(byte[] data, int at, int count, FareTable table)
        {
            table.LanguageCount = count;
            for (int i = 0; i < count * FareTableFormat.LanguageSize; i++)
            {
                byte letter = data[at + i];
                if (letter < (byte)'a' || letter > (byte)'z')
                {
                    return false;
                }

                table.Languages[i] = letter;
            }

            return count > 0;
        }

        private static bool ReadRoutes(byte[] data, int at, int count, FareTable table)
        {
            table.RouteCount = count;
            for (int i = 0; i < count; i++)
            {
                int id = LittleEndian.ReadUInt16(data, at);
                byte pricing = data[at + 2];
                int fare = LittleEndian.ReadInt32(data, at + 3);
                at += FareTableFormat.RouteSize;

                bool ascending = i == 0 || id > table.RouteIds[i - 1];
                bool flat = pricing == (byte)RoutePricing.Flat && IsAmount(fare);
                bool zonal = pricing == (byte)RoutePricing.Zonal && fare == 0 && table.ZoneCount > 0;
                if (!ascending || id == FareTableFormat.AllRoutes || !(flat || zonal))
                {
                    return false;
                }

                table.RouteIds[i] = id;
                table.RoutePricings[i] = pricing;
                table.RouteFares[i] = fare;
            }

            return true;
        }

        private static bool ReadZoneFares(byte[] data, int at, int count, FareTable table)
        {
            for (int i = 0; i < count; i++)
            {
                int fare = LittleEndian.ReadInt32(data, at + (i * FareTableFormat.ZoneFareSize));
                if (!IsAmount(fare))
                {
                    return false;
                }

                table.ZoneFares[i] = fare;
            }

            return true;
        }

        private static bool ReadConcessions(byte[] data, int at, int count, FareTable table)
        {
            for (int type = 0; type < FareTableFormat.CardTypeCount; type++)
            {
                table.HasConcession[type] = false;
                table.ConcessionKinds[type] = (byte)ConcessionKind.None;
                table.ConcessionValues[type] = 0;
                table.DailyCaps[type] = 0;
            }

            for (int i = 0; i < count; i++)
            {
                int type = data[at];
                byte kind = data[at + 1];
                int value = LittleEndian.ReadInt32(data, at + 2);
                int cap = LittleEndian.ReadInt32(data, at + 6);
                at += FareTableFormat.ConcessionSize;

                if (type >= FareTableFormat.CardTypeCount || table.HasConcession[type] || !IsAmount(cap) || !IsConcessionValue(kind, value))
                {
                    return false;
                }

                table.HasConcession[type] = true;
                table.ConcessionKinds[type] = kind;
                table.ConcessionValues[type] = value;
                table.DailyCaps[type] = cap;
            }

            return true;
        }

        private static bool ReadPromotions(byte[] data, int at, int count, FareTable table)
        {
            table.PromotionCount = count;
            for (int i = 0; i < count; i++)
            {
                long from = LittleEndian.ReadInt64(data, at);
                long until = LittleEndian.ReadInt64(data, at + 8);
                int route = LittleEndian.ReadUInt16(data, at + 16);
                int cardType = data[at + 18];
                byte kind = data[at + 19];
                int value = LittleEndian.ReadInt32(data, at + 20);
                at += FareTableFormat.PromotionSize;

                bool cardTypeKnown = cardType < FareTableFormat.CardTypeCount || cardType == FareTableFormat.AllCardTypes;
                if (until <= from || !cardTypeKnown || !IsPromotionValue(kind, value))
                {
                    return false;
                }

                table.PromotionFrom[i] = from;
                table.PromotionUntil[i] = until;
                table.PromotionRoutes[i] = route;
                table.PromotionCardTypes[i] = cardType;
                table.PromotionKinds[i] = kind;
                table.PromotionValues[i] = value;
            }

            return true;
        }

        private static bool IsConcessionValue(byte kind, int value)
        {
            switch ((ConcessionKind)kind)
            {
                case ConcessionKind.None:
                case ConcessionKind.Free:
                    return value == 0;
                case ConcessionKind.PercentOff:
                    return value >= 0 && value <= 100;
                case ConcessionKind.AmountOff:
                    return IsAmount(value);
                default:
                    return false;
            }
        }

        private static bool IsPromotionValue(byte kind, int value)
        {
            switch ((PromotionKind)kind)
            {
                case PromotionKind.FixedPrice:
                case PromotionKind.AmountOff:
                    return IsAmount(value);
                case PromotionKind.PercentOff:
                    return value >= 0 && value <= 100;
                default:
                    return false;
            }
        }

        private static bool IsAmount(int value)
        {
            return value >= 0 && value <= FareTableFormat.MaxAmount;
        }
    }
}
