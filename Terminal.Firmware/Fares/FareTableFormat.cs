namespace Terminal.Firmware.Fares
{
    /// <summary>
    /// The layout of a signed fare table (docs/fares.md gives it byte by byte) and the limits that
    /// size the terminal's preallocated copy. All integers are little-endian.
    /// </summary>
    public static class FareTableFormat
    {
        public const byte Magic0 = 0x46; // 'F'
        public const byte Magic1 = 0x54; // 'T'
        public const byte Version1 = 1;

        public const int HeaderSize = 56;
        public const int LanguageSize = 2;
        public const int RouteSize = 7;
        public const int ZoneFareSize = 4;
        public const int ConcessionSize = 10;
        public const int PromotionSize = 24;
        public const int SignatureSize = 64;

        public const int MaxLanguages = 8;
        public const int MaxRoutes = 256;
        public const int MaxZones = 16;
        public const int MaxPromotions = 16;
        public const int CardTypeCount = 5;

        /// <summary>Largest fare, discount, cap or overdraft amount: 10,000.00 in cents, so sums of a few never overflow an int.</summary>
        public const int MaxAmount = 1000000;

        /// <summary>Largest transfer or passback window: one day.</summary>
        public const int MaxWindowSeconds = 86400;

        public const int MinUtcOffsetMinutes = -720;
        public const int MaxUtcOffsetMinutes = 840;
        public const int MinutesPerDay = 1440;

        /// <summary>Route id of a promotion that applies to every route.</summary>
        public const int AllRoutes = 0xFFFF;

        /// <summary>Card type byte of a promotion that applies to every card type.</summary>
        public const int AllCardTypes = 0xFF;

        /// <summary>Bytes covered by the signature for the given counts (the signature follows them).</summary>
        public static int SignedLength(int languages, int routes, int zones, int concessions, int promotions)
        {
            return HeaderSize
                + (languages * LanguageSize)
                + (routes * RouteSize)
                + (zones * zones * ZoneFareSize)
                + (concessions * ConcessionSize)
                + (promotions * PromotionSize);
        }
    }
}
