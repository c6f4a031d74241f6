namespace Terminal.Firmware.Tap
{
    /// <summary>What one poll of the reader came to.</summary>
    public enum TapOutcome
    {
        /// <summary>The field is empty.</summary>
        NoCard = 0,

        /// <summary>The card of the last tap is still lying on the reader: it is not charged again.</summary>
        StillPresent,

        /// <summary>The fare was taken (or the ride was free: transfer, cap) and written to the card.</summary>
        Accepted,

        /// <summary>Anti-passback: this card already paid for this boarding.</summary>
        AlreadyPaid,

        /// <summary>A write whose outcome was unknown was found on the card and confirmed: nothing charged again.</summary>
        RolledForward,

        Refused,

        /// <summary>The card left before the tap completed; nothing the passenger was shown as paid is lost.</summary>
        TapAgain,
    }
}
