namespace Terminal.Firmware.Journal
{
    /// <summary>
    /// Terminal events the backend cares about; stored as 16 bits, so codes added later decode on older
    /// readers. The record's 32-bit value field carries the argument named in each comment.
    /// </summary>
    public enum TerminalEventCode
    {
        /// <summary>Value: the firmware version.</summary>
        Boot = 1,

        /// <summary>The route or zone changed; the record's route and zones hold the new ones. Value: the driver's duty id.</summary>
        LocationChanged = 2,

        /// <summary>Value: the previous clock reading (unix seconds); the record's timestamp is the new one.</summary>
        ClockSet = 3,

        /// <summary>Value: the fare table version now in force.</summary>
        FareTableActivated = 4,

        /// <summary>Value: the blacklist version now in force.</summary>
        BlacklistActivated = 5,

        /// <summary>Value: journal bytes in use.</summary>
        JournalNearlyFull = 6,

        /// <summary>Value: journal bytes in use.</summary>
        JournalFull = 7,

        /// <summary>Value: which sensor tripped.</summary>
        TamperDetected = 8,

        /// <summary>A fare table was accepted that takes effect later. Value: its version.</summary>
        FareTablePending = 9,

        /// <summary>A new set of backend public keys is in force. Value: the key set's version.</summary>
        KeysActivated = 10,

        /// <summary>A new pending-load list is installed. Value: its version.</summary>
        PendingLoadsActivated = 11,
        /// <summary>
        /// A card was accepted without a trusted blacklist answer, by the operator's policy
        /// (<c>TerminalConfig.BlacklistOffline</c>). Value: 2 = no trusted list installed (journaled once, at the first
        /// such tap, until a list answers again), 3 = the page holding that card's key is corrupt (journaled for every such tap).
        /// </summary>
        BlacklistUnchecked = 12,

        /// <summary>A Resend downlink rewound the journal (docs/protocol.md). Value: the sequence the upload starts again from.</summary>
        JournalRewound = 13,
    }
}
