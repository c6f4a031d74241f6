namespace Terminal.Firmware.Card
{
    /// <summary>
    /// The stored value and the trip history the offline fare rules need: one purse copy on the
    /// card, decoded. Times are unix seconds.
    /// </summary>
    public sealed class PurseState
    {
        /// <summary>Stored value in cents; negative only after an overdraft ride.</summary>
        public int Balance;

        /// <summary>The card's transaction counter, 0..255, one step per write; the newer of the two copies has the higher one.</summary>
        public int Counter;

        /// <summary>When the last paid or transfer boarding happened; 0 for a card never used.</summary>
        public long LastTapUnixSeconds;

        /// <summary>Transfers taken in the current journey, 0..3.</summary>
        public int TransfersUsed;

        /// <summary>A 16-bit tag of the terminal (bus) of the last boarding: anti-passback is per bus.</summary>
        public int LastTerminalTag;

        /// <summary>Cents charged in the service day of <see cref="LastTapUnixSeconds"/>: the daily cap counts them.</summary>
        public int ChargedToday;

        public void CopyFrom(PurseState other)
        {
            Balance = other.Balance;
            Counter = other.Counter;
            LastTapUnixSeconds = other.LastTapUnixSeconds;
            TransfersUsed = other.TransfersUsed;
            LastTerminalTag = other.LastTerminalTag;
            ChargedToday = other.ChargedToday;
        }

        public bool SameAs(PurseState other)
        {
            return Balance == other.Balance
                && Counter == other.Counter
                && LastTapUnixSeconds == other.LastTapUnixSeconds
                && TransfersUsed == other.TransfersUsed
                && LastTerminalTag == other.LastTerminalTag
                && ChargedToday == other.ChargedToday;
        }
    }
}
