namespace Terminal.Firmware.Fares
{
    /// <summary>
    /// What the fare rules need to remember between taps, stored on the card (or, for a QR
    /// account, supplied by the caller from the account). The card format decides the bytes;
    /// docs/fares.md lists the ranges. A fresh card has every field zero except its type and balance.
    /// </summary>
    public sealed class TripState
    {
        public CardType CardType { get; set; }

        /// <summary>Stored value in cents; negative after an overdraft ride.</summary>
        public int Balance { get; set; }

        /// <summary>Unix seconds of the last accepted boarding; 0 when the card has never boarded.</summary>
        public long LastBoardingTime { get; set; }

        public int LastRouteId { get; set; }

        public int LastZone { get; set; }

        public int LastTerminalId { get; set; }

        /// <summary>The service day that <see cref="ChargedToday"/> counts.</summary>
        public int ServiceDay { get; set; }

        /// <summary>Cents charged during <see cref="ServiceDay"/>, for the daily cap.</summary>
        public int ChargedToday { get; set; }

        /// <summary>Unix seconds of the current journey's paid (non-transfer) boarding; the transfer window runs from it.</summary>
        public long JourneyStartTime { get; set; }

        /// <summary>The highest ride fare of the current journey (after promotion and concession, before cap); a transfer pays only what exceeds it.</summary>
        public int JourneyFare { get; set; }

        public int TransfersUsed { get; set; }

        public void CopyFrom(TripState other)
        {
            CardType = other.CardType;
            Balance = other.Balance;
            LastBoardingTime = other.LastBoardingTime;
            LastRouteId = other.LastRouteId;
            LastZone = other.LastZone;
            LastTerminalId = other.LastTerminalId;
            ServiceDay = other.ServiceDay;
            ChargedToday = other.ChargedToday;
            JourneyStartTime = other.JourneyStartTime;
            JourneyFare = other.JourneyFare;
            TransfersUsed = other.TransfersUsed;
        }
    }
}
