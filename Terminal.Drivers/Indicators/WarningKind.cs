namespace Terminal.Drivers.Indicators
{
    /// <summary>Conditions that keep the terminal selling but need attention.</summary>
    public enum WarningKind
    {
        JournalNearlyFull,

        /// <summary>No backend contact for longer than the sync policy allows.</summary>
        Offline,

        FareTableOutdated
    }
}
