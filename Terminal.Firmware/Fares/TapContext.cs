namespace Terminal.Firmware.Fares
{
    /// <summary>Where and when a card or QR token is presented. Reused from tap to tap by the caller.</summary>
    public sealed class TapContext
    {
        /// <summary>Unix seconds from the terminal's clock.</summary>
        public long Time { get; set; }

        public int RouteId { get; set; }

        /// <summary>Zone of the boarding stop (zonal routes).</summary>
        public int OriginZone { get; set; }

        /// <summary>Zone the passenger travels to, chosen at boarding (zonal routes).</summary>
        public int DestinationZone { get; set; }

        /// <summary>The terminal (one per bus door) the card is presented to.</summary>
        public int TerminalId { get; set; }

        /// <summary>Set by the caller when the card or account has expired (checked elsewhere).</summary>
        public bool CardExpired { get; set; }
    }
}
