namespace Terminal.Firmware.Fares
{
    /// <summary>Bits naming the rules that shaped a decision, for the journal and the display.</summary>
    public static class FareRules
    {
        public const int None = 0;

        /// <summary>The anti-passback window applied: already paid.</summary>
        public const int Passback = 1;

        /// <summary>The ride is a transfer within the current journey.</summary>
        public const int Transfer = 2;

        /// <summary>A time-boxed promotion set the fare (see <see cref="FareDecision.Promotion"/>).</summary>
        public const int Promotion = 4;

        /// <summary>The card type's concession applied.</summary>
        public const int Concession = 8;

        /// <summary>The daily cap reduced the amount.</summary>
        public const int Cap = 16;

        /// <summary>The charge takes the balance below zero: the card's last ride before a top-up.</summary>
        public const int Overdraft = 32;

        /// <summary>The fare came from the zone matrix rather than a flat route fare.</summary>
        public const int Zonal = 64;

        public static bool Has(int rules, int rule)
        {
            return (rules & rule) != 0;
        }
    }
}
