namespace Terminal.Firmware.Downlink
{
    /// <summary>
    /// What a terminal tells the backend about itself on <c>fare/v1/terminals/{id}/status</c> (<see cref="StatusCodec"/>).
    /// Versions are 0 when nothing of that kind is installed. In the offline form (the last will) only
    /// <see cref="TerminalId"/> and <see cref="Online"/> are meaningful.
    /// </summary>
    public sealed class TerminalStatusReport
    {
        public uint TerminalId;

        public bool Online;

        public uint FirmwareVersion;

        /// <summary>The newest fare table the terminal holds, in force or waiting for its valid-from.</summary>
        public uint FareTableVersion;

        public uint BlacklistVersion;

        public uint KeysVersion;

        /// <summary>The installed pending-load list (docs/pending-loads.md).</summary>
        public uint PendingLoadsVersion;

        /// <summary>Sequence numbers issued and not acknowledged: an upper bound on the records waiting, as sequences may have gaps.</summary>
        public uint JournalBacklog;

        public uint AcknowledgedUpTo;

        public uint NextSequence;

        /// <summary>The terminal's wall clock, unix seconds.</summary>
        public long ClockUnixSeconds;

        public uint UptimeSeconds;

        public void Clear()
        {
            TerminalId = 0;
            Online = false;
            FirmwareVersion = 0;
            FareTableVersion = 0;
            BlacklistVersion = 0;
            KeysVersion = 0;
            PendingLoadsVersion = 0;
            JournalBacklog = 0;
            AcknowledgedUpTo = 0;
            NextSequence = 0;
            ClockUnixSeconds = 0;
            UptimeSeconds = 0;
        }
    }
}
