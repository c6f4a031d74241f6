namespace Terminal.Firmware.Journal
{
    /// <summary>
    /// What a journal record reports. A card write is journaled BEFORE it is made: <see cref="CardTapAccepted"/>
    /// and <see cref="TopUp"/> are the intent of that write, so a tap that completes costs one record (the
    /// 20-day budget of 40,000 records holds one record per tap). Only a write whose outcome stayed unknown
    /// (the card left mid-write) gets a second record later: <see cref="CardWriteCompleted"/> when the card is
    /// seen again carrying the new state (rolled forward), or <see cref="CardWriteAbandoned"/> when it still
    /// carries the old one and the debit or credit must be reversed. Values are the wire codes (4 bits).
    /// </summary>
    public enum TxKind
    {
        CardTapAccepted = 1,
        QrAccepted = 2,
        Refusal = 3,
        CardWriteCompleted = 4,
        CardWriteAbandoned = 5,
        TopUp = 6,
        TerminalEvent = 7,
    }
}
