namespace Terminal.Drivers.Indicators
{
    /// <summary>
    /// Buzzer sounds as on/off durations in milliseconds, starting with "on". Distinct rhythms,
    /// so a passenger who cannot see the display still hears the decision.
    /// </summary>
    public static class BuzzerPattern
    {
        /// <summary>One short beep.</summary>
        public static readonly int[] Accept = new int[] { 120 };

        /// <summary>Two long beeps.</summary>
        public static readonly int[] Refuse = new int[] { 400, 200, 400 };

        /// <summary>Three quick chirps.</summary>
        public static readonly int[] Warning = new int[] { 60, 80, 60, 80, 60 };

        /// <summary>One long tone.</summary>
        public static readonly int[] OutOfService = new int[] { 1000 };

        /// <summary>Long, short, long: unlike any passenger's answer, so the driver knows the terminal itself failed.</summary>
        public static readonly int[] Fault = new int[] { 600, 150, 150, 150, 600 };

        public static readonly int[] Silent = new int[0];

        public static int[] For(IndicatorState state)
        {
            switch (state)
            {
                case IndicatorState.Accepted:
                    return Accept;
                case IndicatorState.Refused:
                    return Refuse;
                case IndicatorState.Warning:
                    return Warning;
                case IndicatorState.OutOfService:
                    return OutOfService;
                case IndicatorState.Fault:
                    return Fault;
                default:
                    return Silent;
            }
        }
    }
}
