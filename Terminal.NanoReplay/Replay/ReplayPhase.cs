namespace Terminal.NanoReplay.Replay
{
    /// <summary>One phase of a script: its kind, its input (the downlink message), and what the recording run produced.</summary>
    public sealed class ReplayPhase
    {
        public ReplayPhaseKind Kind;

        /// <summary>The outcome as an integer: a TapOutcome, a DownlinkStatus, or a JournalStatus for the boot.</summary>
        public int ExpectedOutcome;

        /// <summary>The journal sequence the phase's records start from.</summary>
        public uint FromSequence;

        /// <summary>The downlink message of a Downlink phase; empty otherwise.</summary>
        public byte[] Input = new byte[0];

        /// <summary>The raw 32-byte journal records the phase appended on .NET, in order.</summary>
        public byte[] ExpectedJournal = new byte[0];
    }
}
