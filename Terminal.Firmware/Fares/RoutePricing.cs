namespace Terminal.Firmware.Fares
{
    /// <summary>How a route is priced; the value is its byte in the fare table.</summary>
    public enum RoutePricing : byte
    {
        /// <summary>One fare for any ride on the route.</summary>
        Flat = 0,

        /// <summary>The fare comes from the zone matrix: origin zone x destination zone.</summary>
        Zonal = 1,
    }
}
