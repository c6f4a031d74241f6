namespace Terminal.Firmware.Card
{
    /// <summary>How reading the fare application off a card went.</summary>
    public enum CardReadStatus
    {
        Ok = 0,

        /// <summary>The card stopped answering: it left the field.</summary>
        Gone,

        /// <summary>The card is there but refuses our keys, or was never personalised: not one of ours.</summary>
        NotOurs,

        /// <summary>A record failed its MAC or format: edited, cloned or damaged. Worth reporting.</summary>
        Tampered,
    }
}
