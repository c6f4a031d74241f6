namespace Terminal.Drivers.Indicators
{
    /// <summary>Conditions that keep the terminal selling but need attention.</summary>
    public enum WarningKind
    {
        JournalNearlyFull,

        /// <summary>No backend contact for longer than the sync policy allows.</summary>
        Offline,

        FareTableOutdated,

        /// <summary>No trusted blacklist (none installed, or corrupt): cards are taken or refused by the operator's policy.</summary>
        BlacklistUnavailable
    }
}
