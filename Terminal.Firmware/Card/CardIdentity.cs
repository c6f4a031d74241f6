namespace Terminal.Firmware.Card
{
    /// <summary>What the card is, written at issue: concession, validity, and whether it has been blocked.</summary>
    public sealed class CardIdentity
    {
        /// <summary>Card type / concession code (0 adult, 1 child, 2 student, 3 senior, 4 staff; the fare table prices them).</summary>
        public int CardType;

        /// <summary>Set by a terminal that found the card on the blacklist (by policy); the card is then refused everywhere.</summary>
        public bool Blocked;

        /// <summary>The blacklist reason the card was blocked for, 0..127.</summary>
        public int BlockReason;

        /// <summary>Last valid day, in days since 2025-01-01 UTC.</summary>
        public int ExpiryDay;

        public int IssueDay;

        public int OperatorId;

        /// <summary>Which generation of master keys diversified this card's keys.</summary>
        public int KeyVersion;

        /// <summary>True from the day after <see cref="ExpiryDay"/>.</summary>
        public bool IsExpiredAt(long unixSeconds)
        {
            long day = (unixSeconds - CardLayout.EpochUnixSeconds) / CardLayout.SecondsPerDay;
            return day > ExpiryDay;
        }
    }
}
