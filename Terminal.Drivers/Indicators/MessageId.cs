namespace Terminal.Drivers.Indicators
{
    /// <summary>Every text the panel shows; a language supplies one string for each.</summary>
    public enum MessageId
    {
        Welcome,
        PresentCardOrCode,
        FareLabel,
        BalanceLabel,
        GoodTrip,
        Refused,
        InsufficientFunds,
        CardBlocked,
        CardUnreadable,
        TapAgain,
        InvalidCode,
        ExpiredCode,
        AlreadyUsed,
        NotValidHere,
        JournalNearlyFull,
        Offline,
        FareTableOutdated,
        OutOfService,
        CardExpired,
        ServiceNeeded,
        AlreadyPaid,
        TopUpLabel,
        TopUpAdded,
        BlacklistUnavailable,
        TerminalFault,
        KeysMissing
    }
}
