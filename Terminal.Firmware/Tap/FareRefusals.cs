using FareRefusal = Terminal.Firmware.Fares.RefusalReason;
using ShownRefusal = Terminal.Drivers.Indicators.RefusalReason;

namespace Terminal.Firmware.Tap
{
    /// <summary>What the passenger and the driver see for each of the fare engine's refusals, card or QR alike.</summary>
    public static class FareRefusals
    {
        public static ShownRefusal Shown(FareRefusal reason)
        {
            switch (reason)
            {
                case FareRefusal.InsufficientFunds:
                case FareRefusal.TopUpRequired:
                    return ShownRefusal.InsufficientFunds;
                case FareRefusal.CardExpired:
                    return ShownRefusal.CardExpired;
                case FareRefusal.NoTable:
                case FareRefusal.TableNotYetValid:
                case FareRefusal.TableExpired:
                    return ShownRefusal.ServiceNeeded;
                default:
                    return ShownRefusal.NotValidHere;
            }
        }
    }
}
