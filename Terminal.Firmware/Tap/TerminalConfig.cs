using Terminal.Firmware.Fares;

namespace Terminal.Firmware.Tap
{
    /// <summary>Where this terminal is and how it behaves; set at provisioning and by the driver's route selection.</summary>
    public sealed class TerminalConfig
    {
        /// <summary>The largest route or stop number a journal record holds.</summary>
        public const int MaxLocation = 0xFFF;

        public int TerminalId;

        public int RouteId;

        public int OriginZone;

        public int DestinationZone;

        /// <summary>Policy: a card found on the blacklist is also marked blocked on the card itself.</summary>
        public bool BlockListedCards = true;

        /// <summary>Policy: what a card tap does while the blacklist cannot answer for the card.</summary>
        public BlacklistOfflinePolicy BlacklistOffline = BlacklistOfflinePolicy.AcceptAndJournal;

        /// <summary>How long a write with an unknown outcome waits for the same card to come back and settle it.</summary>
        public int PendingWindowSeconds = 300;

        public bool IsValid
        {
            get
            {
                return TerminalId >= 0 && RouteId >= 0 && RouteId <= MaxLocation
                    && OriginZone >= 0 && OriginZone <= 0xFF && DestinationZone >= 0 && DestinationZone <= 0xFF
                    && PendingWindowSeconds >= 0;
            }
        }

        /// <summary>Fills the pricing context of a tap or scan made now on this terminal; the caller sets the expiry.</summary>
        public void Describe(TapContext context, long now)
        {
            context.Time = now;
            context.RouteId = RouteId;
            context.OriginZone = OriginZone;
            context.DestinationZone = DestinationZone;
            context.TerminalId = TerminalId;
        }
    }
}
