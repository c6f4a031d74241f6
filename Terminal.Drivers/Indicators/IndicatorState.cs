namespace Terminal.Drivers.Indicators
{
    /// <summary>What the terminal tells driver and passenger, all outputs at once.</summary>
    public enum IndicatorState
    {
        /// <summary>Waiting for a card or a code.</summary>
        Ready,

        /// <summary>A fare was charged; shown for the hold time, then back to the resting state.</summary>
        Accepted,

        /// <summary>A tap or scan was refused; shown for the hold time, then back to the resting state.</summary>
        Refused,

        /// <summary>Still selling, but something needs the driver's or the depot's attention.</summary>
        Warning,

        /// <summary>Not selling.</summary>
        OutOfService,

        /// <summary>A step of the main loop failed unexpectedly; shown for the fault hold, then back to the resting state.</summary>
        Fault
    }
}
