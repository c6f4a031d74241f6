using Terminal.Firmware.Fares;

namespace Terminal.Firmware.Card
{
    /// <summary>One purse copy on the card, decoded: the trip state the fare rules read and write, and the card's counter.</summary>
    public sealed class PurseState
    {
        /// <summary>Stored value and trip history. <see cref="TripState.CardType"/> comes from the identity block, not from here.</summary>
        public readonly TripState Trip = new TripState();

        /// <summary>The card's transaction counter, 0..65535, one step per write; the newer copy has the higher one.</summary>
        public int Counter;

        /// <summary>
        /// The low byte of the number of the last pending load the card took (purse byte 25): written in the same
        /// purse write as the load's value, carried forward by every later write (docs/card-format.md, block 10).
        /// </summary>
        public int LoadTag;

        public void CopyFrom(PurseState other)
        {
            Trip.CopyFrom(other.Trip);
            Counter = other.Counter;
            LoadTag = other.LoadTag;
        }

        public bool SameAs(PurseState other)
        {
            TripState a = Trip;
            TripState b = other.Trip;
            return Counter == other.Counter
                && LoadTag == other.LoadTag
                && a.Balance == b.Balance
                && a.LastBoardingTime == b.LastBoardingTime
                && a.LastRouteId == b.LastRouteId
                && a.LastZone == b.LastZone
                && a.LastTerminalId == b.LastTerminalId
                && a.ServiceDay == b.ServiceDay
                && a.ChargedToday == b.ChargedToday
                && a.JourneyStartTime == b.JourneyStartTime
                && a.JourneyFare == b.JourneyFare
                && a.TransfersUsed == b.TransfersUsed;
        }
    }
}
