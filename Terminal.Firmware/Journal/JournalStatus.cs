namespace Terminal.Firmware.Journal
{
    /// <summary>The outcome of a <see cref="Journal"/> operation.</summary>
    public enum JournalStatus
    {
        /// <summary>Done; for an append, the record is durable.</summary>
        Ok = 0,

        /// <summary>Appended and durable, but 90 % or more of the budget is in use: upload soon.</summary>
        NearlyFull,

        /// <summary>
        /// Refused, nothing written: no room within the budget for this kind of record (see docs/protocol.md,
        /// "Full policy"). The terminal shows "journal full, service needed" and takes no fares until acks free space. Acknowledged records never count: an append reclaims their room.
        /// </summary>
        Full,

        /// <summary>Refused, nothing written: the record does not encode (a field out of range).</summary>
        InvalidRecord,

        /// <summary>The storage refused the write (e.g. the shared drive is full); the record may be missing, the sequence is spent.</summary>
        StorageError,

        /// <summary>An acknowledgement for a sequence the journal never issued; nothing changed.</summary>
        AckBeyondEnd,

        /// <summary><see cref="Journal.Open"/> has not succeeded.</summary>
        NotOpen,

        /// <summary>The state file is damaged: the journal cannot tell which sequences were used, so it refuses to append (service needed).</summary>
        StateCorrupt,

        /// <summary>A rewind asked for records already reclaimed: the journal rewound to the oldest it still holds.</summary>
        RewindBeyondRetained,
    }
}
