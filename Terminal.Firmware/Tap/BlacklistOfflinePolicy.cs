namespace Terminal.Firmware.Tap
{
    /// <summary>
    /// What a terminal does with a card when its blacklist cannot answer (none installed yet, a corrupt store, or a
    /// corrupt page): the operator's choice between revenue and exposure (docs/blacklist.md, "When the list cannot answer").
    /// </summary>
    public enum BlacklistOfflinePolicy
    {
        /// <summary>Take the fare as usual and journal a <c>BlacklistUnchecked</c> event, so the backend knows which taps went unchecked.</summary>
        AcceptAndJournal,

        /// <summary>Refuse the card ("Service needed") and journal the refusal with <c>RefusalCode.BlacklistUnavailable</c>.</summary>
        Refuse,
    }
}
