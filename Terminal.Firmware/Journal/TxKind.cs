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

        /// <summary>
        /// The intent of writing a pending load onto the card (docs/pending-loads.md): amount, the load's number on
        /// the card, the balance and counter after the write. The backend counts the load applied unless a
        /// <see cref="LoadAbandoned"/> follows.
        /// </summary>
        LoadApplied = 8,

        /// <summary>A <see cref="LoadApplied"/> whose write was found not to have reached the card at its next tap here.</summary>
        LoadAbandoned = 9,
    }
}
